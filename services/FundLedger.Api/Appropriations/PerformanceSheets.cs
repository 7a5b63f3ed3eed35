using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// Builds a project's 绩效自评表 from its appropriation (money, goals, latest evaluation): the rules' scores next to the
/// scores as given, and a flag for each figure that departs from its rule. Pure: the writes answer with it, the reads
/// show it now or as recorded at an instant.
/// </summary>
public static class PerformanceSheets
{
    public static PerformanceSheet Of(Appropriation line)
    {
        var goals = line.Goals;
        var evaluation = line.Evaluation;
        var weight = goals?.ExecutionWeight ?? Scoring.DefaultExecutionWeight;
        var ruleExecution = Scoring.Execution(weight, line.Executed, line.Adjusted);
        var funding = Funding(line, weight, evaluation?.ExecutionScore, ruleExecution);
        var results = evaluation?.Results.ToDictionary(r => r.Indicator, StringComparer.Ordinal) ?? [];
        var flags = new List<PerformanceFlag>();
        if (evaluation is not null && Scoring.Departs(evaluation.ExecutionScore, ruleExecution))
            flags.Add(new PerformanceFlag("execution-score", null, "execution-rate", evaluation.ExecutionScore, ruleExecution,
                $"The execution score {evaluation.ExecutionScore:0.##} departs from the rule's {ruleExecution:0.##} " +
                $"(weight {weight:0.##} × execution rate {funding.Total.ExecutionRate:0.00}%, at most the weight)."));

        var rows = new List<IndicatorFigures>();
        foreach (var i in goals?.Indicators ?? [])
        {
            var result = results.GetValueOrDefault(i.Code);
            var rule = Scoring.Indicator(i.Direction, i.TargetValue, result?.ActualValue, i.Weight);
            if (result is not null && rule is { } r && Scoring.Departs(result.Score, r.Score))
                flags.Add(new PerformanceFlag("indicator-score", i.Code, r.Rule, result.Score, r.Score,
                    $"Indicator {i.Code} ({i.Name}) scored {result.Score:0.##} where the " +
                    $"{PerformanceWording.RuleName(r.Rule, zh: false)} " +
                    $"gives {r.Score:0.##} " +
                    $"(A {i.TargetValue:0.##}, B {result.ActualValue:0.##}, weight {i.Weight:0.##})."));
            rows.Add(new IndicatorFigures(i.Code, PerformanceNames.Level1Of(i.Category), Wire.Name(i.Category), i.Name, i.Target,
                i.TargetValue, i.Unit, Wire.Name(i.Direction), i.Weight, result?.Actual, result?.ActualValue, result?.Score,
                rule?.Score, rule?.Rule, result?.Deviation));
        }

        decimal? total = null, ruleTotal = null;
        if (evaluation is not null)
        {
            total = Points.Normalize(evaluation.ExecutionScore + rows.Sum(r => r.Score ?? 0m));
            ruleTotal = Points.Normalize(ruleExecution + rows.Sum(r => r.RuleScore ?? r.Score ?? 0m));
            if (evaluation.RecordedTotal is { } written && written != total)
                flags.Add(new PerformanceFlag("total", null, "sum-of-scores", written, total.Value,
                    $"The total written on the table, {written:0.##}, is not the sum of its scores, {total:0.##}."));
        }

        return new PerformanceSheet(line.Year, line.Code, line.Name, line.ProjectCode, line.DepartmentCode, line.DepartmentName,
            goals?.ImplementingUnit ?? line.DepartmentName, goals?.Manager, goals?.Phone, funding, goals?.Revision ?? 0,
            goals?.OverallGoal ?? "",
            evaluation is null ? null : new EvaluationFigures(evaluation.Revision, Wire.Name(evaluation.Type), evaluation.Evaluator,
                evaluation.EvaluatedOn, evaluation.Completion, evaluation.RecordedTotal, evaluation.Reason, evaluation.RecordedBy,
                evaluation.RecordedAt),
            rows, total, ruleTotal, total is { } t ? Wire.Name(Scoring.GradeOf(t)) : null, flags);
    }

    /// <summary>
    /// The money is the appropriation's own; it fills the row of its source and leaves the others blank, as the tables do.
    /// </summary>
    private static PerformanceFunding Funding(Appropriation line, decimal weight, decimal? given, decimal rule)
    {
        var figures =
            new FundingRow(line.Original.Yuan, line.Adjusted.Yuan, line.Executed.Yuan, Rounding.Percent(line.Executed, line.Adjusted));
        var blank = new FundingRow(null, null, null, null);
        var source = line.FundSource switch
        {
            FundSource.CarriedOver => 1,
            // 一般公共预算, 政府性基金 and 国有资本经营预算: 当年财政拨款
            _ when CategoryNames.IsFiscal(line.FundSource) => 0,
            _ => 2,  // 上级补助, 事业, 经营, 附属单位上缴 and 其他收入: 其他资金
        };
        return new PerformanceFunding(figures, source == 0 ? figures : blank, source == 1 ? figures : blank, source == 2 ? figures : blank,
            weight, given, rule);
    }
}
