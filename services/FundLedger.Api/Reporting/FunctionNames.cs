namespace FundLedger.Reporting;

/// <summary>功能分类 names of the codes the service reports on; a code not listed is shown by its number alone.</summary>
public static class FunctionNames
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["201"] = "一般公共服务支出",
        ["20132"] = "组织事务",
        ["2013202"] = "一般行政管理事务",
        ["207"] = "文化旅游体育与传媒支出",
        ["20701"] = "文化和旅游",
        ["2070199"] = "其他文化和旅游支出",
        ["20708"] = "广播电视",
        ["2070801"] = "行政运行",
        ["2070899"] = "其他广播电视支出",
        ["208"] = "社会保障和就业支出",
        ["20805"] = "行政事业单位养老支出",
        ["2080505"] = "机关事业单位基本养老保险缴费支出",
        ["2080506"] = "机关事业单位职业年金缴费支出",
        ["2080502"] = "事业单位离退休",
        ["221"] = "住房保障支出",
        ["22102"] = "住房改革支出",
        ["2210201"] = "住房公积金",
        ["2210203"] = "购房补贴",
    };

    public static string? Of(string code) => Names.GetValueOrDefault(code);
}
