using FundLedger.Kernel;
using FundLedger.Reporting;
using FundLedger.Appropriations;

namespace FundLedger.Tests.Reporting;

/// <summary>The explanations against the seed's own sentences (丰台区融媒体中心 2020 年度部门决算).</summary>
public sealed class ExplanationFormatterTests
{
    private static VarianceReason Reason(ReasonKind kind, string label, decimal wanYuanEffect, params long[] seq) =>
        new(kind, label, Money.Of(wanYuanEffect * 10_000m), seq,
            kind == ReasonKind.CarryForward ? CarryForwardKind.TreasuryReturnable : null, kind == ReasonKind.CarryForward ? 2021 : null);

    private static Money W(decimal wanYuan) => Money.Of(wanYuan * 10_000m);

    [Fact]
    public void Section_20701_names_only_the_carry_forward_as_the_seed_does()
    {
        var reasons = new[]
        {
            Reason(ReasonKind.CarryForward, "丰台区融媒体中心建设项目（一期）", -2000.00m, 7),
            Reason(ReasonKind.NewLine, "公益广告专项扶持资金", 10.00m, 12),
            Reason(ReasonKind.Lapse, "公益广告专项扶持资金", -0.30m, 40),
            Reason(ReasonKind.Lapse, "奥运大屏运维费", -0.21m, 41),
        };
        Assert.Equal(
            "2020年度决算80.49万元，比2020年年初预算减少1990.51万元，下降96.11%。" +
            "主要原因：丰台区融媒体中心建设项目（一期）2000.00万元未支出，" +
            "作为财政应返还额度结转至2021年。",
            ExplanationFormatter.Explain(2020, W(2071.00m), W(80.49m), reasons, Language.Chinese));
    }

    [Fact]
    public void Section_22102_lists_supplements_then_rescissions()
    {
        var reasons = new[]
        {
            Reason(ReasonKind.Supplement, "住房补贴", 13.59m, 1), Reason(ReasonKind.Supplement, "住房公积金", 7.18m, 2),
            Reason(ReasonKind.Reduction, "住房公积金", -14.87m, 3), Reason(ReasonKind.Reduction, "住房补贴", -3.41m, 4),
        };
        Assert.Equal(
            "2020年度决算333.96万元，比2020年年初预算增加2.49万元，增长0.75%。" +
            "主要原因：财政追加住房补贴13.59万元、住房公积金7.18万元；" +
            "收回住房公积金14.87万元、住房补贴3.41万元。",
            ExplanationFormatter.Explain(2020, W(331.47m), W(333.96m), reasons, Language.Chinese));
        Assert.Equal(
            "2020 final 333.96 (10k yuan), 2.49 above the 2020 original budget of 331.47 (+0.75%). " +
            "Main reasons: supplements: 住房补贴 13.59, 住房公积金 7.18; reductions: 住房公积金 14.87, 住房补贴 3.41.",
            ExplanationFormatter.Explain(2020, W(331.47m), W(333.96m), reasons, Language.English));
    }

    [Fact]
    public void More_material_reasons_than_fit_end_in_deng_largest_first()
    {
        var amounts = new[]
        {
            ("甲", 176.60m), ("乙", 95.13m), ("丙", 60.00m), ("丁", 50.00m), ("戊", 40.00m), ("己", 30.00m), ("庚", 33.51m),
        };
        var reasons = amounts.Select((a, i) => Reason(ReasonKind.Supplement, a.Item1, a.Item2, i)).ToArray();

        var text = ExplanationFormatter.Explain(2020, W(2234.46m), W(2719.70m), reasons, Language.Chinese);

        Assert.EndsWith("主要原因：财政追加甲176.60万元、乙95.13万元、丙60.00万元、" +
            "丁50.00万元、戊40.00万元、庚33.51万元等。", text);
    }

    /// <summary>A placeholder reason is never named, and the list it would have joined says it is not the whole change.</summary>
    [Fact]
    public void A_placeholder_is_not_printed_and_the_list_that_leaves_it_out_ends_in_deng()
    {
        var reasons = new[]
        {
            Reason(ReasonKind.Supplement, "基本支出其他追加（决算说明未列明）", 327.49m, 1) with { Placeholder = true },
            Reason(ReasonKind.Supplement, "未规范在职人员经费（工资）", 176.60m, 2),
        };

        var text = ExplanationFormatter.Explain(2020, W(1000.00m), W(1504.09m), reasons, Language.Chinese);

        Assert.DoesNotContain("未列明", text);
        Assert.EndsWith("主要原因：财政追加未规范在职人员经费（工资）176.60万元等。", text);
    }

    /// <summary>
    /// The seed's 207 类: its reasons explain 1481.96 of 1505.27, so the list ends in 等; the reasons that explain the whole
    /// change do not (22102 above).
    /// </summary>
    [Fact]
    public void A_list_that_explains_less_than_the_change_by_a_material_amount_ends_in_deng()
    {
        // Nine small lapses, each under 1% of the change, unnamed, together 23.31 (1.55%).
        var reasons = new[]
        {
            Reason(ReasonKind.CarryForward, "丰台区融媒体中心建设项目（一期）", -2000.00m, 1),
            Reason(ReasonKind.Supplement, "未规范在职人员经费（工资）", 518.04m, 2),
        }.Concat(Enumerable.Range(0, 9).Select(i => Reason(ReasonKind.Lapse, $"项目{i}", -2.59m, 3 + i))).ToArray();
        var listedOnly = reasons.Take(2).ToArray();

        var text = ExplanationFormatter.Explain(2020, W(4305.46m), W(2800.19m), reasons, Language.Chinese);
        var whole = ExplanationFormatter.Explain(2020, W(4305.46m), W(2823.50m), listedOnly, Language.Chinese);

        Assert.EndsWith("等。", text);
        Assert.DoesNotContain("项目0", text);
        Assert.DoesNotContain("等", whole);
    }

    [Fact]
    public void A_line_new_in_the_year_is_named_as_new()
    {
        var text = ExplanationFormatter.Explain(2020, W(100m), W(110m),
            [Reason(ReasonKind.NewLine, "公益广告专项扶持资金", 10m, 3)], Language.Chinese);
        Assert.EndsWith("主要原因：新增公益广告专项扶持资金10.00万元。", text);
    }

    [Fact]
    public void Unchanged_lines_say_level_and_new_lines_say_not_in_the_original_budget()
    {
        Assert.Equal("2020年度决算2.16万元，2020年年初预算2.16万元，与预算持平。",
            ExplanationFormatter.Explain(2020, W(2.16m), W(2.16m), [], Language.Chinese));
        Assert.StartsWith("2020年度决算9.70万元，2020年年初预算未安排此项支出。",
            ExplanationFormatter.Explain(2020, Money.Zero, W(9.70m),
                [Reason(ReasonKind.Supplement, "公益广告专项扶持资金", 10m, 1),
                 Reason(ReasonKind.Lapse, "公益广告专项扶持资金", -0.30m, 2)],
                Language.Chinese));
    }

    [Fact]
    public void A_remainder_no_event_explains_is_named_never_given_a_reason()
    {
        var text = ExplanationFormatter.Explain(2020, W(100m), W(60m), [Reason(ReasonKind.Unexplained, "", -40m)], Language.Chinese);
        Assert.Equal("2020年度决算60.00万元，比2020年年初预算减少40.00万元，下降40.00%。" +
            "另有40.00万元尚未支出，也未结转或收回（年度尚未结账），" +
            "已记录的事件不能说明其原因。", text);
    }
}
