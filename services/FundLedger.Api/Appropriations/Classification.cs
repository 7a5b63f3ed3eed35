namespace FundLedger.Appropriations;

/// <summary>
/// The columns of the 支出决算表: 基本支出 (staff and running costs), 项目支出 (projects), 上缴上级支出, 经营支出
/// and 对附属单位补助支出. Recorded by name, so members are only ever added (at the end).
/// </summary>
public enum AppropriationKind { Basic, Project, UpperRemittance, Operating, AffiliatedSubsidy }

/// <summary>
/// 资金来源, the columns of the 收入决算表: the three 财政拨款 (一般公共预算, 政府性基金,
/// 国有资本经营预算), 上年结转, 其他收入, 上级补助收入, 事业收入, 经营收入 and 附属单位上缴收入, and
/// 使用非财政拨款结余 (a line funded from the unit's surplus of earlier years: not 本年收入). Recorded by name, so members are
/// only ever added (at the end).
/// </summary>
public enum FundSource
{
    GeneralBudget, GovernmentFund, StateCapital, CarriedOver, Other, UpperSubsidy, Business, Operating, Affiliated,
    NonFiscalSurplus
}

/// <summary>The published names of the kinds and sources, as the tables and the 说明 print them.</summary>
public static class CategoryNames
{
    public static string Of(AppropriationKind kind) => kind switch
    {
        AppropriationKind.Basic => "基本支出",
        AppropriationKind.Project => "项目支出",
        AppropriationKind.UpperRemittance => "上缴上级支出",
        AppropriationKind.Operating => "经营支出",
        _ => "对附属单位补助支出",
    };

    public static string Of(FundSource source) => source switch
    {
        FundSource.GeneralBudget => "一般公共预算财政拨款收入",
        FundSource.GovernmentFund => "政府性基金预算财政拨款收入",
        FundSource.StateCapital => "国有资本经营预算财政拨款收入",
        FundSource.CarriedOver => "上年结转",
        FundSource.UpperSubsidy => "上级补助收入",
        FundSource.Business => "事业收入",
        FundSource.Operating => "经营收入",
        FundSource.Affiliated => "附属单位上缴收入",
        FundSource.NonFiscalSurplus => "使用非财政拨款结余",
        _ => "其他收入",
    };

    /// <summary>
    /// The 收入决算表's columns after its total, each with the sources it counts: the one partition of 本年收入 the tables and
    /// the 说明 both use (上年结转 enacted as such is 其他收入, as the 收入决算表 has no column for it).
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Name, Func<FundSource, bool> Counts)> IncomeColumns =
    [
        ("fiscal", "财政拨款收入", IsFiscal),
        ("upperSubsidy", "上级补助收入", s => s == FundSource.UpperSubsidy),
        ("business", "事业收入", s => s == FundSource.Business),
        ("operating", "经营收入", s => s == FundSource.Operating),
        ("affiliated", "附属单位上缴收入", s => s == FundSource.Affiliated),
        ("other", "其他收入", s => s is FundSource.Other or FundSource.CarriedOver),
    ];

    /// <summary>财政拨款: the three sources the 财政拨款 tables and the 三公 table count.</summary>
    public static bool IsFiscal(FundSource source) =>
        source is FundSource.GeneralBudget or FundSource.GovernmentFund or FundSource.StateCapital;
}

/// <summary>Hard control refuses a payment beyond the available balance (国库集中支付); advisory records and flags it.</summary>
public enum BudgetControl { Hard, Advisory }

/// <summary>功能分类: the 7-digit 类款项 code splits into class (3), section (5) and item (7).</summary>
public static class FunctionCode
{
    public static string Class(string code) => code[..3];
    public static string Section(string code) => code[..5];
    public static string Item(string code) => code;

    public static bool IsValid(string code) => code.Length == 7 && code.All(char.IsAsciiDigit);
}
