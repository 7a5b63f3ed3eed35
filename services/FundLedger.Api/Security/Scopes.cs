namespace FundLedger.Security;

/// <summary>The scopes a token can carry (space-separated in its <c>scope</c> claim).</summary>
public static class Scopes
{
    public const string BudgetWrite = "budget:write";
    public const string DisbursementWrite = "disbursement:write";
    public const string ReportsRead = "reports:read";
    public const string AuditRead = "audit:read";

    public static readonly IReadOnlyList<string> All = [BudgetWrite, DisbursementWrite, ReportsRead, AuditRead];
}

/// <summary>
/// The scope an endpoint needs. Every endpoint under a district path must carry one: the gate refuses any that does
/// not, so a new endpoint cannot be reachable by accident.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;
}
