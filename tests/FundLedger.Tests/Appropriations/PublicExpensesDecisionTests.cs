using FundLedger.Appropriations;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

/// <summary>The 三公 details a payment records, decided and folded without a database.</summary>
public sealed class PublicExpensesDecisionTests
{
    private static Appropriation On(string economicClass) => Build.Line(10_000m) with { EconomicClass = economicClass };

    [Fact]
    public void Receptions_fit_a_payment_on_30217_by_its_line_or_by_naming_it_and_nothing_else()
    {
        var onLine = Build.Pay(100m) with { Receptions = 1, Guests = 3 };
        var (recorded, _) = RecordDisbursement.Decide(On("30217"), onLine, Build.Actor, Build.Now);
        var (named, _) = RecordDisbursement.Decide(On("302"), onLine with { EconomicClass = "30217" }, Build.Actor, Build.Now);
        var (_, refused) = RecordDisbursement.Decide(On("302"), onLine, Build.Actor, Build.Now);

        Assert.Equal((1, 3), (recorded!.Receptions, recorded.Guests));
        Assert.NotNull(named);
        Assert.Equal("receptions", refused!.Errors!.Keys.Single());
    }

    [Fact]
    public void The_line_folds_receptions_and_the_named_upkeep_kinds_and_a_reversal_takes_back_money_not_receptions()
    {
        var line = On("30231");
        var fuel = Build.Paid(line.Code, "F", 900m, new DateOnly(2020, 4, 1)) with { VehicleExpense = VehicleExpense.Fuel };
        var other = Build.Paid(line.Code, "O", 50m, new DateOnly(2020, 4, 1)) with { VehicleExpense = VehicleExpense.Other };
        var after = line.Then(fuel, 2).Then(other, 3)
            .Then(new DisbursementReversed("F", null, Money.Of(300m), "退款", new DateOnly(2020, 5, 1), "u", "c", Build.Now,
                VehicleExpense: VehicleExpense.Fuel), 4);

        Assert.Equal((600m, 0m, 600m), (after.PublicUse!.Fuel.Yuan, after.PublicUse.Repair.Yuan, after.PublicUse.Itemised.Yuan));
        Assert.Equal(650m, after.Executed.Yuan);
        Assert.Null(line.Then(Build.Paid(line.Code, "P", 1m, new DateOnly(2020, 4, 1)), 2).PublicUse);
    }
}
