namespace FundLedger.Appropriations;

/// <summary>基本支出 (staff and running costs) or 项目支出 (projects).</summary>
public enum AppropriationKind { Basic, Project }

/// <summary>资金来源.</summary>
public enum FundSource { GeneralBudget, GovernmentFund, StateCapital, CarriedOver, Other }

/// <summary>Hard control refuses a payment beyond the available balance (国库集中支付); advisory records and flags it.</summary>
public enum BudgetControl { Hard, Advisory }

/// <summary>The wire names of the classification enums, in one place for parsing and answering.</summary>
public static class WireNames
{
    public static readonly IReadOnlyDictionary<string, AppropriationKind> Kinds =
        new Dictionary<string, AppropriationKind> { ["basic"] = AppropriationKind.Basic, ["project"] = AppropriationKind.Project };

    public static readonly IReadOnlyDictionary<string, FundSource> FundSources = new Dictionary<string, FundSource>
    {
        ["general-budget"] = FundSource.GeneralBudget,
        ["government-fund"] = FundSource.GovernmentFund,
        ["state-capital"] = FundSource.StateCapital,
        ["carried-over"] = FundSource.CarriedOver,
        ["other"] = FundSource.Other,
    };

    public static readonly IReadOnlyDictionary<string, BudgetControl> Controls =
        new Dictionary<string, BudgetControl> { ["hard"] = BudgetControl.Hard, ["advisory"] = BudgetControl.Advisory };

    public static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum =>
        names.First(n => n.Value.Equals(value)).Key;
}

/// <summary>功能分类: the 7-digit 类款项 code splits into class (3), section (5) and item (7).</summary>
public static class FunctionCode
{
    public static string Class(string code) => code[..3];
    public static string Section(string code) => code[..5];
    public static string Item(string code) => code;

    public static bool IsValid(string code) => code.Length == 7 && code.All(char.IsAsciiDigit);
}
