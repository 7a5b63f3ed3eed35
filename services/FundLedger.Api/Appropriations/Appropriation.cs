using System.Text.Json.Serialization;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// 预算指标: one budget line and its running figures, kept by an inline projection of its own stream
/// (so a write that returned is in the next read) and used as the state every decision reads.
/// </summary>
public sealed record Appropriation
{
    /// <summary>The stream key, <c>{year}/{code}</c>: codes are unique within a district and year.</summary>
    public string Id { get; init; } = "";
    public long Version { get; set; }
    public string Code { get; init; } = "";
    public int Year { get; init; }
    public string Name { get; init; } = "";
    public string DepartmentCode { get; init; } = "";
    public string DepartmentName { get; init; } = "";
    public string? ProjectCode { get; init; }
    public AppropriationKind Kind { get; init; }
    public string FunctionClass { get; init; } = "";
    public string? EconomicClass { get; init; }
    public FundSource FundSource { get; init; }
    /// <summary>
    /// Where the money first came from: the same as <see cref="FundSource"/>, except that a 上年结转 line keeps
    /// the source of the line it was carried from (carried general-budget money is still 一般公共预算财政拨款).
    /// </summary>
    public FundSource OriginFundSource { get; init; }
    public BudgetControl Control { get; init; }
    public string? Document { get; init; }
    public DateOnly EnactedOn { get; init; }

    public Money Original { get; init; }
    public Money Supplements { get; init; }
    public Money Reductions { get; init; }
    public Money Disbursed { get; init; }
    public Money Reversed { get; init; }
    /// <summary>结转: carried into the next year.</summary>
    public Money Carried { get; init; }
    /// <summary>结余: lapsed at year close.</summary>
    public Money Lapsed { get; init; }
    /// <summary>
    /// 结余分配: distributed out of the line's unspent non-fiscal money (neither spent nor left); not written while zero, so
    /// the documents of lines without one read as they always did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Money Distributed { get; init; }
    /// <summary>
    /// 追加 and 调减 whose reason is a placeholder (not a published one), which the 审核 flags; not written while zero.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PlaceholderReasons { get; init; }
    /// <summary>年初预算 by 经济分类 款 within the line, as enacted; null for a line enacted without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, Money>? EconomicBudgets { get; init; }
    /// <summary>What 调剂 moved into (+) or out of (−) each 款 since; null while nothing was moved.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, Money>? EconomicShifts { get; init; }
    /// <summary>The year was closed: no money event is accepted any more.</summary>
    public bool Closed { get; init; }
    /// <summary>Where carried money went (next year's appropriations).</summary>
    public IReadOnlyList<CarryLink> CarriedTo { get; init; } = [];
    /// <summary>For a 上年结转 appropriation: where its money came from.</summary>
    public CarryLink? CarriedFrom { get; init; }
    /// <summary>
    /// What was paid and reversed under 经济分类 codes other than the line's own (payments naming one of its 款), by code;
    /// the rest is under the line's class. Null while every payment is on the line's class, as most are.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ClassExecution>? OtherClasses { get; init; }
    /// <summary>
    /// The 三公 details its payments carried (公务接待 批次/人次, 公务用车运行维护 by kind); null while none did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PublicUse? PublicUse { get; init; }
    /// <summary>Net execution by quarter (index 0 = Q1).</summary>
    public Money[] Quarters { get; init; } = [Money.Zero, Money.Zero, Money.Zero, Money.Zero];
    /// <summary>绩效目标 of a project, as last set or revised; the earlier revisions stay in the stream.</summary>
    public PerformanceGoalsSet? Goals { get; init; }
    /// <summary>
    /// The project's latest evaluation (绩效自评 or 部门评价); it supersedes the earlier ones, which stay in the stream.
    /// </summary>
    public PerformanceEvaluated? Evaluation { get; init; }

    /// <summary>全年预算数 = 年初 + 追加 − 调减.</summary>
    [JsonIgnore] public Money Adjusted => Original + Supplements - Reductions;
    /// <summary>全年执行数 = 支出 − 冲销.</summary>
    [JsonIgnore] public Money Executed => Disbursed - Reversed;
    /// <summary>What can still be paid, carried, distributed or lapsed.</summary>
    [JsonIgnore] public Money Available => Adjusted - Executed - Carried - Lapsed - Distributed;
    [JsonIgnore] public bool OverBudget => Executed > Adjusted;
    /// <summary>
    /// 调整年初结转和结余 (negative: recovered): how far a carried-over line's 年初 has moved from the amount carried in, which
    /// only an <see cref="OpeningBalanceAdjusted"/> changes.
    /// </summary>
    [JsonIgnore] public Money OpeningAdjustment => CarriedFrom is { } from ? Original - from.Amount : Money.Zero;

    public static Appropriation Enacted(AppropriationEnacted e) => new()
    {
        Id = KeyFor(e.Year, e.Code),
        Code = e.Code,
        Year = e.Year,
        Name = e.Name,
        DepartmentCode = e.DepartmentCode,
        DepartmentName = e.DepartmentName,
        ProjectCode = e.ProjectCode,
        Kind = e.Kind,
        FunctionClass = e.FunctionClass,
        EconomicClass = e.EconomicClass,
        FundSource = e.FundSource,
        OriginFundSource = e.FundSource,
        Control = e.Control,
        Document = e.Document,
        EnactedOn = e.EnactedOn,
        Original = e.OriginalAmount,
        EconomicBudgets = e.EconomicBudgets?.ToDictionary(b => b.EconomicClass, b => b.Amount, StringComparer.Ordinal),
    };

    /// <summary>The budget a 款 has now: as enacted, plus what 调剂 moved in, less what it moved out.</summary>
    public Money EconomicBudget(string code) =>
        (EconomicBudgets?.GetValueOrDefault(code) ?? Money.Zero) + (EconomicShifts?.GetValueOrDefault(code) ?? Money.Zero);

    private Appropriation With(EconomicBudgetShifted e)
    {
        var shifts = EconomicShifts is null ? new Dictionary<string, Money>(StringComparer.Ordinal)
            : new Dictionary<string, Money>(EconomicShifts, StringComparer.Ordinal);
        shifts[e.FromClass] = shifts.GetValueOrDefault(e.FromClass) - e.Amount;
        shifts[e.ToClass] = shifts.GetValueOrDefault(e.ToClass) + e.Amount;
        return this with { EconomicShifts = shifts };
    }

    public static Appropriation CarriedOver(AppropriationCarriedOver e) => new()
    {
        Id = KeyFor(e.Year, e.Code),
        Code = e.Code,
        Year = e.Year,
        Name = e.Name,
        DepartmentCode = e.DepartmentCode,
        DepartmentName = e.DepartmentName,
        ProjectCode = e.ProjectCode,
        Kind = e.Kind,
        FunctionClass = e.FunctionClass,
        EconomicClass = e.EconomicClass,
        FundSource = FundSource.CarriedOver,
        OriginFundSource = e.SourceFundSource,
        Control = BudgetControl.Hard,
        // A carry recorded before its business date was kept is dated the day it was recorded, as it always was.
        EnactedOn = e.CarriedOn ?? DateOnly.FromDateTime(e.RecordedAt.UtcDateTime),
        Original = e.Amount,
        CarriedFrom = new CarryLink(e.SourceYear, e.SourceCode, e.Amount, e.CarryKind),
    };

    private Appropriation With(BalanceCarriedForward e) =>
        this with { Carried = Carried + e.Amount, CarriedTo = [.. CarriedTo, new CarryLink(e.TargetYear, e.TargetCode, e.Amount, e.Kind)] };

    private Appropriation With(BalanceLapsed e) => this with { Lapsed = Lapsed + e.Amount, Closed = true };

    private Appropriation With(AppropriationSupplemented e) =>
        this with { Supplements = Supplements + e.Amount, PlaceholderReasons = PlaceholderReasons + (e.Placeholder == true ? 1 : 0) };

    private Appropriation With(AppropriationReduced e) =>
        this with { Reductions = Reductions + e.Amount, PlaceholderReasons = PlaceholderReasons + (e.Placeholder == true ? 1 : 0) };

    private Appropriation With(DisbursementRecorded e) =>
        (this with
        {
            Disbursed = Disbursed + e.Amount,
            OtherClasses = ShiftClass(e.EconomicClass, new ClassExecution(e.Amount, Money.Zero)),
            PublicUse = e.Receptions is null && e.VehicleExpense is null ? PublicUse
                : (PublicUse ?? new PublicUse()).Add(e.Receptions ?? 0, e.Guests ?? 0, e.VehicleExpense, e.Amount),
        })
        .WithQuarter(Quarter.Of(e.PaidOn), e.Amount);

    private Appropriation With(DisbursementReversed e) =>
        (this with
        {
            Reversed = Reversed + e.Amount,
            OtherClasses = ShiftClass(e.EconomicClass, new ClassExecution(Money.Zero, e.Amount)),
            PublicUse = e.VehicleExpense is null ? PublicUse : (PublicUse ?? new PublicUse()).Add(0, 0, e.VehicleExpense, -e.Amount),
        })
        .WithQuarter(Quarter.Of(e.ReversedOn), -e.Amount);

    /// <summary>Net execution by economic class: the line's own class first, then each other class a payment named.</summary>
    [JsonIgnore]
    public IEnumerable<(string? Code, Money Executed)> ExecutedByClass =>
        OtherClasses is not { } other ? [(EconomicClass, Executed)]
            : [(EconomicClass, Executed - other.Values.Sum(c => c.Executed)),
               .. other.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => ((string?)o.Key, o.Value.Executed))];

    /// <summary>The other classes after a payment or reversal; the same (no copy) when it is on the line's class.</summary>
    private IReadOnlyDictionary<string, ClassExecution>? ShiftClass(string? code, ClassExecution change)
    {
        if (code is null || code == EconomicClass) return OtherClasses;
        var next = OtherClasses is null ? new Dictionary<string, ClassExecution>(StringComparer.Ordinal)
            : new Dictionary<string, ClassExecution>(OtherClasses, StringComparer.Ordinal);
        next[code] = next.TryGetValue(code, out var known) ? known + change : change;
        return next;
    }

    /// <summary>
    /// The one fold of an appropriation's stream: the state after event <paramref name="e"/>, which is the stream's
    /// event number <paramref name="version"/>. The write pipeline's projection, the <c>asOf</c> replay, <c>/audit/verify</c>
    /// and the rebuild all call it, so a figure can only ever be computed one way. Null for an event of another stream.
    /// </summary>
    public static Appropriation? Fold(Appropriation? current, object e, long version) => (e switch
    {
        AppropriationEnacted x => Enacted(x),
        AppropriationCarriedOver x => CarriedOver(x),
        _ when current is null => null,
        AppropriationSupplemented x => current.With(x),
        AppropriationReduced x => current.With(x),
        DisbursementRecorded x => current.With(x),
        DisbursementReversed x => current.With(x),
        BalanceCarriedForward x => current.With(x),
        BalanceLapsed x => current.With(x),
        OpeningBalanceAdjusted x => current with { Original = current.Original + x.Change },
        SurplusDistributed x => current with { Distributed = current.Distributed + x.Amount },
        EconomicBudgetShifted x => current.With(x),
        PerformanceGoalsSet x => current with { Goals = x },
        PerformanceEvaluated x => current with { Evaluation = x },
        _ => null,
    }) is { } next ? next with { Version = version } : null;

    /// <summary>The state after an event of this appropriation's stream.</summary>
    public Appropriation Then(object e, long version) =>
        Fold(this, e, version) ?? throw new ArgumentException($"{e.GetType().Name} is not an event of an appropriation's stream");

    public static string KeyFor(int year, string code) => $"{year}/{code}";

    public static Refusal NotFound(int year, string code) =>
        Refusal.NotFound("appropriation", $"There is no appropriation {code} in {year} for this district.");

    private Appropriation WithQuarter(int quarter, Money change)
    {
        var quarters = (Money[])Quarters.Clone();
        quarters[quarter - 1] += change;
        return this with { Quarters = quarters };
    }
}

/// <summary>What was paid and reversed of a line under one economic class.</summary>
public sealed record ClassExecution(Money Disbursed, Money Reversed)
{
    [JsonIgnore] public Money Executed => Disbursed - Reversed;

    public static ClassExecution operator +(ClassExecution a, ClassExecution b) => new(a.Disbursed + b.Disbursed, a.Reversed + b.Reversed);
}

/// <summary>A link between a carried appropriation and its carried-over counterpart in the next year.</summary>
public sealed record CarryLink(int Year, string Code, Money Amount, CarryForwardKind Kind);
