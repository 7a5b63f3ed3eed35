namespace FundLedger.Appropriations;

/// <summary>基本支出 (staff and running costs) or 项目支出 (projects).</summary>
public enum AppropriationKind { Basic, Project }

/// <summary>资金来源.</summary>
public enum FundSource { GeneralBudget, GovernmentFund, StateCapital, CarriedOver, Other }

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
