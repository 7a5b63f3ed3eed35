using FundLedger.Appropriations;

namespace FundLedger.Tests.Appropriations;

/// <summary>调剂 between a line's 款 decided without a database: within the line's class, no more than the 款 has.</summary>
public sealed class EconomicBudgetDecisionTests
{
    private static Appropriation Line() => Appropriation.Enacted(new AppropriationEnacted("OFF", 2020, "机构运转经费", "D01", "Dept",
        null, AppropriationKind.Basic, "2070801", "302", FundSource.GeneralBudget, Money.Of(100_000m), BudgetControl.Hard, null,
        new DateOnly(2019, 12, 31), "u", "c", Build.Now, [new EconomicBudget("30217", Money.Of(10_000m))]));

    private static ShiftEconomicBudget.Command Move(string from, string to, decimal amount) =>
        new("TJ-1", from, to, Money.Of(amount), "严格公务接待管理", new DateOnly(2020, 11, 30));

    [Fact]
    public void A_shift_moves_a_kuans_budget_and_leaves_the_line_total_alone()
    {
        var line = Line();

        var (e, refusal) = ShiftEconomicBudget.Decide(line, Move("30217", "30299", 10_000m), Build.Actor, Build.Now);

        Assert.Null(refusal);
        var after = line.Then(e!, line.Version + 1);
        Assert.Equal((Money.Zero, Money.Of(10_000m), Money.Of(100_000m)),
            (after.EconomicBudget("30217"), after.EconomicBudget("30299"), after.Adjusted));
        Assert.Equal(Money.Of(10_000m), after.EconomicBudgets!["30217"]);
        Assert.Equal("shift-beyond-class-budget",
            ShiftEconomicBudget.Decide(after, Move("30217", "30299", 0.01m), Build.Actor, Build.Now).Refusal!.Type);
    }

    [Theory]
    [InlineData("30101", "30299", "fromClass")]
    [InlineData("30217", "310", "toClass")]
    public void Both_kuan_must_be_of_the_lines_class(string from, string to, string field) =>
        Assert.Equal([field], ShiftEconomicBudget.Decide(Line(), Move(from, to, 1m), Build.Actor, Build.Now).Refusal!.Errors!.Keys);
}
