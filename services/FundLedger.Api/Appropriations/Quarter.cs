namespace FundLedger.Appropriations;

/// <summary>第一…第四季度: the fiscal year is the calendar year, so the quarter is that of the date.</summary>
public static class Quarter
{
    public static int Of(DateOnly date) => (date.Month - 1) / 3 + 1;
}
