namespace FundLedger.Appropriations;

/// <summary>The zh/en labels of the performance vocabulary; its wire names are <see cref="Kernel.Wire"/>'s.</summary>
public static class PerformanceNames
{
    /// <summary>
    /// 一级指标: 产出 (quantity, quality, timeliness, cost), 效益 (economic, social, ecological, sustainable) or 满意度.
    /// </summary>
    public static string Level1Of(IndicatorCategory c) => c switch
    {
        IndicatorCategory.Quantity or IndicatorCategory.Quality or IndicatorCategory.Timeliness or IndicatorCategory.Cost => "output",
        IndicatorCategory.Satisfaction => "satisfaction",
        _ => "outcome",
    };

    public static string Level1Label(string level1, bool zh) => (level1, zh) switch
    {
        ("output", true) => "产出指标",
        ("outcome", true) => "效益指标",
        (_, true) => "满意度指标",
        ("output", false) => "Output",
        ("outcome", false) => "Outcome",
        _ => "Satisfaction",
    };

    public static string Label(IndicatorCategory c, bool zh) => c switch
    {
        IndicatorCategory.Quantity => zh ? "数量指标" : "Quantity",
        IndicatorCategory.Quality => zh ? "质量指标" : "Quality",
        IndicatorCategory.Timeliness => zh ? "时效指标" : "Timeliness",
        IndicatorCategory.Cost => zh ? "成本指标" : "Cost",
        IndicatorCategory.Economic => zh ? "经济效益指标" : "Economic benefit",
        IndicatorCategory.Social => zh ? "社会效益指标" : "Social benefit",
        IndicatorCategory.Ecological => zh ? "生态效益指标" : "Ecological benefit",
        IndicatorCategory.Sustainable => zh ? "可持续影响指标" : "Sustainable impact",
        _ => zh ? "服务对象满意度指标" : "Satisfaction of those served",
    };

    public static string Label(EvaluationType t, bool zh) => t switch
    {
        EvaluationType.Department => zh ? "部门评价" : "department evaluation",
        _ => zh ? "单位自评" : "self-evaluation",
    };
}
