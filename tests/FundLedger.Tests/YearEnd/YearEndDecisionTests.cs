using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Tests.YearEnd;

public sealed class YearEndDecisionTests
{
    private static CarryForward.Command Carry(decimal amount) =>
        new("P001", Money.Of(amount), CarryForwardKind.TreasuryReturnable, "未完工", "P001-JZ2020");

    [Fact]
    public void A_carry_forward_takes_at_most_the_unspent_balance_and_links_both_lines()
    {
        var line = Build.Line(1_000m, executed: 400m);
        var (source, target, _) = CarryForward.Decide(line, Carry(600m), false, false, Build.Actor, Build.Now);
        var (_, _, refusal) = CarryForward.Decide(line, Carry(600.01m), false, false, Build.Actor, Build.Now);

        Assert.Equal((2021, "P001-JZ2020"), (source!.TargetYear, source.TargetCode));
        Assert.Equal((2020, "P001", Money.Of(600m)), (target!.SourceYear, target.SourceCode, target.Amount));
        Assert.Equal("carry-forward-exceeds-unspent", refusal!.Type);
        Assert.Equal(Money.Zero, line.Then(source, 3).Available);
    }

    [Fact]
    public void Nothing_is_carried_from_or_into_a_closed_year()
    {
        var line = Build.Line(1_000m);
        var closed = line.Then(new BalanceLapsed(Money.Of(1_000m), 2020, "u", "c", Build.Now), 2);
        Assert.Equal("year-closed", CarryForward.Decide(closed, Carry(1m), false, false, Build.Actor, Build.Now).Refusal!.Type);
        Assert.Equal("year-closed", CarryForward.Decide(line, Carry(1m), true, false, Build.Actor, Build.Now).Refusal!.Type);
    }

    [Fact]
    public void Closing_lapses_what_is_neither_spent_nor_carried_and_nothing_of_an_overspent_line()
    {
        var carried = Build.Line(1_000m, executed: 300m, code: "A")
            .Then(new BalanceCarriedForward(Money.Of(200m), CarryForwardKind.UnitRetained, "r", 2021, "A-JZ", "u", "c", Build.Now), 3);
        var overspent = Build.Line(100m, executed: 120m, control: BudgetControl.Advisory, code: "B");

        var lapses = YearClose.Lapses([overspent, carried], 2020, Build.Actor, Build.Now);

        Assert.Equal(["A", "B"], lapses.Select(l => l.Line.Code));
        Assert.Equal(Money.Of(500m), lapses[0].Lapse.Amount);
        Assert.Equal(Money.Zero, lapses[1].Lapse.Amount);
        var after = carried.Then(lapses[0].Lapse, 4);
        Assert.Equal(after.Adjusted, after.Carried + after.Lapsed + after.Executed);
        Assert.Equal("year-closed", RecordDisbursementDecision(after));
    }

    private static string? RecordDisbursementDecision(Appropriation line) =>
        FundLedger.Appropriations.RecordDisbursement.Decide(line, Build.Pay(1m), Build.Actor, Build.Now).Refusal?.Type;
}
