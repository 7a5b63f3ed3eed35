using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Tests.Disbursements;

public sealed class DecisionTests
{
    [Fact]
    public void Hard_control_pays_up_to_the_last_fen_and_refuses_one_more()
    {
        var state = Build.Line(1_000m, executed: 999.99m);
        var (fits, _) = RecordDisbursement.Decide(state, Build.Pay(0.01m), Build.Actor, Build.Now);
        var (_, refusal) = RecordDisbursement.Decide(state, Build.Pay(0.02m), Build.Actor, Build.Now);

        Assert.NotNull(fits);
        Assert.False(fits.OverBudget);
        Assert.Equal("budget-exceeded", refusal!.Type);
        Assert.Equal(409, refusal.Status);
    }

    [Fact]
    public void Advisory_control_records_and_flags_the_overspend()
    {
        var (recorded, refusal) =
            RecordDisbursement.Decide(Build.Line(100m, control: BudgetControl.Advisory), Build.Pay(100.01m), Build.Actor, Build.Now);
        Assert.Null(refusal);
        Assert.True(recorded!.OverBudget);
    }

    [Fact]
    public void The_recorded_event_carries_who_and_when()
    {
        var (recorded, _) = RecordDisbursement.Decide(Build.Line(100m), Build.Pay(10m), Build.Actor, Build.Now);
        Assert.Equal(("clerk-1", "treasury-system", Build.Now), (recorded!.RecordedBy, recorded.ClientId, recorded.RecordedAt));
        Assert.Equal(new DateOnly(2020, 5, 1), recorded.PaidOn);
    }

    [Fact]
    public void A_reduction_may_reach_but_not_pass_what_is_executed()
    {
        var state = Build.Line(1_000m, executed: 800m);
        AdjustAppropriation.Command Reduce(decimal amount) => new("R", false, Money.Of(amount), "收回", null, new DateOnly(2020, 9, 1));

        var (ok, _) = AdjustAppropriation.Decide(state, Reduce(200m), Build.Actor, Build.Now);
        var (_, refusal) = AdjustAppropriation.Decide(state, Reduce(200.01m), Build.Actor, Build.Now);

        Assert.IsType<AppropriationReduced>(ok);
        Assert.Equal("reduction-below-executed", refusal!.Type);
        Assert.Equal(Money.Of(800m), state.Then(ok!, 3).Adjusted);
    }

    [Fact]
    public void A_reversal_defaults_to_the_rest_and_never_exceeds_it()
    {
        var paid = new Disbursement
        {
            Id = "V1", AppropriationCode = "P001", Year = 2020, Amount = Money.Of(300m), Reversed = Money.Of(100m),
            PaidOn = new DateOnly(2020, 3, 1),
        };
        ReverseDisbursement.Command Reverse(decimal? amount, int day = 2) =>
            new("V1", amount is null ? null : Money.Of(amount.Value), "退款", new DateOnly(2020, 3, day), null);

        Assert.Equal(Money.Of(200m),
            ReverseDisbursement.Decide(Build.Line(1_000m), paid, Reverse(null), Build.Actor, Build.Now).Event!.Amount);
        Assert.Equal("reversal-exceeds-disbursement",
            ReverseDisbursement.Decide(Build.Line(1_000m), paid, Reverse(200.01m), Build.Actor, Build.Now).Refusal!.Type);
        Assert.Equal("already-reversed",
            ReverseDisbursement.Decide(Build.Line(1_000m), paid with { Reversed = Money.Of(300m) }, Reverse(1m), Build.Actor, Build.Now)
                .Refusal!.Type);
    }

    [Fact]
    public void A_payment_naming_a_kuan_of_its_lines_class_is_held_under_it_and_its_reversal_comes_off_it()
    {
        var line = Build.Line(1_000m) with { EconomicClass = "302" };
        var (named, _) = RecordDisbursement.Decide(line, Build.Pay(30m) with { EconomicClass = "30217" }, Build.Actor, Build.Now);
        var (elsewhere, refusal) = RecordDisbursement.Decide(line, Build.Pay(30m) with { EconomicClass = "30101" }, Build.Actor, Build.Now);
        Assert.Equal("30217", named!.EconomicClass);
        Assert.Null(elsewhere);
        Assert.Equal(["economicClass"], refusal!.Errors!.Keys);

        var state = line.Then(named, 2).Then(Build.Paid("P001", "V2", 100m, new DateOnly(2020, 2, 1)), 3)
            .Then(new DisbursementReversed("V1", null, Money.Of(10m), "退款", new DateOnly(2020, 7, 1), "u", "c", Build.Now, "30217"), 4);

        Assert.Equal(Money.Of(120m), state.Executed);
        Assert.Equal([("302", Money.Of(100m)), ("30217", Money.Of(20m))], state.ExecutedByClass);
        // Payments on the line's own class, named or not, leave the other classes as they were: no copy on the hot path.
        Assert.Same(state.OtherClasses, state.Then(Build.Paid("P001", "V3", 1m, new DateOnly(2020, 8, 1)) with { EconomicClass = "302" }, 5)
            .OtherClasses);
    }

    [Fact]
    public void Figures_follow_from_the_events()
    {
        var state = Build.Line(1_000m)
            .Then(new AppropriationSupplemented("S", Money.Of(200m), "追加", null, new DateOnly(2020, 4, 1), "u", "c", Build.Now), 2)
            .Then(Build.Paid("P001", "V1", 300m, new DateOnly(2020, 2, 1)), 3)
            .Then(new DisbursementReversed("V1", null, Money.Of(50m), "退款", new DateOnly(2020, 11, 1), "u", "c", Build.Now), 4);

        Assert.Equal(Money.Of(1_200m), state.Adjusted);
        Assert.Equal(Money.Of(250m), state.Executed);
        Assert.Equal(Money.Of(950m), state.Available);
        Assert.Equal([Money.Of(300m), Money.Zero, Money.Zero, Money.Of(-50m)], state.Quarters);
        Assert.Equal(4, state.Version);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(9, 3)]
    [InlineData(12, 4)]
    public void The_quarter_is_that_of_the_date(int month, int quarter) =>
        Assert.Equal(quarter, Quarter.Of(new DateOnly(2020, month, 28)));
}
