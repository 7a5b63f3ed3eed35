using FundLedger.Appropriations;

namespace FundLedger.Tests.Appropriations;

/// <summary>结余分配 decided without a database: only non-fiscal money, at most what is left, never in a closed year.</summary>
public sealed class SurplusDecisionTests
{
    private static Appropriation Line(FundSource source, decimal original, decimal paid)
    {
        var line = Appropriation.Enacted(new AppropriationEnacted("L", 2020, "Line", "D01", "Dept", null, AppropriationKind.Project,
            "2070899", null, source, Money.Of(original), BudgetControl.Hard, null, new DateOnly(2020, 1, 1), "u", "c", Build.Now));
        return paid == 0m ? line : line.Then(new DisbursementRecorded("V1", "L", 2020, Money.Of(paid), new DateOnly(2020, 3, 1),
            "印刷费", null, null, false, "u", "c", Build.Now), 2);
    }

    private static DistributeSurplus.Command Ask(decimal amount) =>
        new("FP-1", SurplusDistributionKind.BusinessFund, Money.Of(amount), "转入事业基金", new DateOnly(2020, 12, 31));

    [Fact]
    public void A_distribution_takes_the_money_off_the_lines_balance_without_spending_it()
    {
        var line = Line(FundSource.Operating, 1_000m, 400m);

        var (e, refusal) = DistributeSurplus.Decide(line, Ask(600m), Build.Actor, Build.Now);

        Assert.Null(refusal);
        var after = line.Then(e!, line.Version + 1);
        Assert.Equal((Money.Of(600m), Money.Zero, Money.Of(400m)), (after.Distributed, after.Available, after.Executed));
        Assert.Equal("distribution-beyond-balance", DistributeSurplus.Decide(after, Ask(0.01m), Build.Actor, Build.Now).Refusal!.Type);
    }

    [Theory]
    [InlineData(FundSource.GeneralBudget)]
    [InlineData(FundSource.GovernmentFund)]
    [InlineData(FundSource.StateCapital)]
    public void Fiscal_money_is_never_distributed(FundSource source) =>
        Assert.Equal("fiscal-not-distributable",
            DistributeSurplus.Decide(Line(source, 1_000m, 0m), Ask(1m), Build.Actor, Build.Now).Refusal!.Type);

    [Fact]
    public void A_closed_year_takes_no_distribution()
    {
        var line = Line(FundSource.Business, 1_000m, 0m);
        var closed = line.Then(new BalanceLapsed(line.Available, 2020, "u", "c", Build.Now), line.Version + 1);

        Assert.Equal("year-closed", DistributeSurplus.Decide(closed, Ask(1m), Build.Actor, Build.Now).Refusal!.Type);
    }
}
