namespace FundLedger.Security;

/// <summary>The scopes a token can carry (space-separated in its <c>scope</c> claim).</summary>
public static class Scopes
{
    public const string BudgetWrite = "budget:write";
    public const string DisbursementWrite = "disbursement:write";
    public const string ReportsRead = "reports:read";
    public const string AuditRead = "audit:read";
    /// <summary>
    /// Performance goals and evaluations (绩效目标, 绩效自评): often another office than the one that posts money.
    /// </summary>
    public const string PerformanceWrite = "performance:write";

    public static readonly IReadOnlyList<string> All = [BudgetWrite, DisbursementWrite, ReportsRead, AuditRead, PerformanceWrite];
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
