using FundLedger.Appropriations;
using FundLedger.Kernel;
using FundLedger.Reporting;

namespace FundLedger.Tests.Kernel;

/// <summary>One naming policy for the words of the API, and the one way a <c>lang</c> is read.</summary>
public sealed class WireAndLanguageTests
{
    [Fact]
    public void Every_wire_word_is_its_enum_members_name_in_kebab_case_both_ways()
    {
        Assert.Equal(["general-budget", "government-fund", "state-capital", "carried-over", "other", "upper-subsidy", "business",
            "operating", "affiliated", "non-fiscal-surplus"], Wire.Names<FundSource>().Keys);
        Assert.Equal(["income-tax", "welfare-fund", "business-fund", "other"], Wire.Names<SurplusDistributionKind>().Keys);
        Assert.Equal(["treasury-returnable", "unit-retained"], Wire.Names<CarryForwardKind>().Keys);
        Assert.Equal(["carry-forward", "new-line", "supplement", "reduction", "lapse", "unexplained"], Wire.Names<ReasonKind>().Keys);
        Assert.Equal(["supplement", "reduction"], Wire.Names<AdjustAppropriation.AdjustmentType>().Keys);
        Assert.Equal("excellent", Wire.Name(Grade.Excellent));
        foreach (var (name, value) in Wire.Names<IndicatorCategory>()) Assert.Equal(name, Wire.Name(value));
    }

    [Theory]
    [InlineData(null, "zh", true)]
    [InlineData("zh", "zh", true)]
    [InlineData("en", "en", false)]
    public void A_lang_is_zh_unless_it_says_en(string? text, string code, bool chinese)
    {
        var f = new Fields();
        var language = Language.Parse(f, text);
        Assert.Equal((code, chinese, true), (language.Code, language.IsChinese, f.Ok));
    }

    [Fact]
    public void Any_other_lang_is_refused_naming_the_field_and_the_default_is_chinese()
    {
        var f = new Fields();
        Language.Parse(f, "fr");
        Assert.Equal(["lang"], f.Errors.Keys);
        Assert.Equal("zh", default(Language).Code);
    }
}
