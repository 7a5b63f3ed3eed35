using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Tests.Infrastructure;

/// <summary>States and commands for the pure decision tests.</summary>
internal static class Build
{
    public static readonly Actor Actor = new("clerk-1", "treasury-system");
    public static readonly DateTimeOffset Now = new(2020, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static Appropriation Line(decimal original, decimal executed = 0, BudgetControl control = BudgetControl.Hard,
        string code = "P001", string department = "D01", string functionClass = "2070899",
        AppropriationKind kind = AppropriationKind.Project)
    {
        var enacted = Appropriation.Enacted(new AppropriationEnacted(code, 2020, "line", department, "dept", null, kind, functionClass,
            null, FundSource.GeneralBudget, Money.Of(original), control, null, new DateOnly(2020, 1, 1), "u", "c", Now));
        var a = enacted with { Version = 1 };
        return executed == 0 ? a : a.Then(Paid(code, "V0", executed, new DateOnly(2020, 2, 1)), 2);
    }

    public static DisbursementRecorded Paid(string code, string voucher, decimal amount, DateOnly paidOn) =>
        new(voucher, code, 2020, Money.Of(amount), paidOn, null, null, null, false, "u", "c", Now);

    public static RecordDisbursement.Command Pay(decimal amount, string voucher = "V1") =>
        new("P001", 2020, voucher, Money.Of(amount), new DateOnly(2020, 5, 1), null, null, null);
}
