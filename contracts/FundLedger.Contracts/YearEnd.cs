using System.ComponentModel.DataAnnotations;

namespace FundLedger.Appropriations;

/// <summary>结转: carry unspent money of an appropriation into a new <c>carried-over</c> appropriation of the next year.</summary>
public sealed record CarryForwardRequest
{
    [Required] public string? AppropriationCode { get; init; }
    /// <summary>In 元, more than 0 and at most the unspent balance.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    /// <summary><c>treasury-returnable</c> (财政应返还额度) or <c>unit-retained</c>.</summary>
    [Required] public string? Kind { get; init; }
    [Required] public string? Reason { get; init; }
    /// <summary>The code of the new appropriation in the next year; default <c>{code}-JZ{year}</c>.</summary>
    public string? TargetCode { get; init; }
    /// <summary>
    /// yyyy-MM-dd, the business date of the carry (in the year carried from or the next); default that year's 31 December.
    /// The carried-over line is enacted on it.
    /// </summary>
    public string? CarriedOn { get; init; }
}

public sealed record CarryForwardReceipt(
    int Year, string AppropriationCode, decimal Amount, string Kind, int TargetYear, string TargetCode,
    decimal SourceCarried, decimal SourceAvailable, DateTimeOffset RecordedAt);

public sealed record YearCloseLine(string Code, string Name, decimal Adjusted, decimal Executed, decimal Carried, decimal Lapsed);

/// <summary>What a year close lapsed (or, with <c>dryRun</c>, would lapse), per appropriation and in total.</summary>
public sealed record YearCloseResult(
    int Year, bool DryRun, bool Closed, int Appropriations, decimal Adjusted, decimal Executed, decimal Carried, decimal Lapsed,
    IReadOnlyList<YearCloseLine> Lines);

/// <summary>A fiscal year the district has appropriations in, and whether it is closed.</summary>
/// <param name="Appropriations">How many appropriations the year has (then, for asOf).</param>
/// <param name="Executed">全年执行数 of the year in 元 (then, for asOf): a dashboard opens on the latest year that has any.</param>
public sealed record FiscalYearSummary(int Year, bool Closed, DateTimeOffset? ClosedAt, int Appropriations = 0, decimal Executed = 0m);

/// <summary><c>GET /api/v1/districts/{district}/years</c>: the district's fiscal years, oldest first.</summary>
public sealed record FiscalYearList(string District, IReadOnlyList<FiscalYearSummary> Years);
