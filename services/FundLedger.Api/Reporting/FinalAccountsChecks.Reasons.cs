using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>
/// The rules on the lines behind the ledger's own tables (a published set has no lines): every 追加/调减 has a published reason
/// and a line executed below 90% says why the rest was not spent.
/// </summary>
public static partial class FinalAccountsChecks
{
    /// <summary>执行率 below which the unspent money needs a reason.</summary>
    private const decimal LowExecution = 90m;

    private static IEnumerable<CheckResult> ReasonRules(IReadOnlyCollection<Appropriation> lines)
    {
        static string Codes(IEnumerable<Appropriation> of) => string.Join(", ", of.Select(l => l.Code).Order(StringComparer.Ordinal));

        var unexplained = lines.Where(l => l.PlaceholderReasons > 0).ToList();
        yield return new Rule("R-01", CheckSeverity.Hint, "每项追加、调减均列明原因").Result(unexplained.Count == 0,
            unexplained.Count == 0 ? "every 追加 and 调减 has a published reason"
                : $"{unexplained.Count} lines have a 追加 or 调减 whose reason was recorded as a placeholder: " +
                  Codes(unexplained), []);

        // Carried money has its carry-forward's reason and a reduction its own; what lapsed at close has none.
        var low = lines.Where(l => l.Closed && l.Lapsed.IsPositive && Rounding.Percent(l.Executed, l.Adjusted) < LowExecution).ToList();
        yield return new Rule("R-02", CheckSeverity.Suspect, "执行率低于90%的指标说明结余原因").Result(low.Count == 0,
            low.Count == 0 ? "no closed line below 90% lapsed money without a reason"
                : $"{low.Count} closed lines executed below 90% lapsed their balance without a reason: {Codes(low)}", []);
    }
}
