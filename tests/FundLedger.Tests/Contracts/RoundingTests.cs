namespace FundLedger.Tests.Contracts;

public sealed class RoundingTests
{
    [Theory]
    [InlineData(2_908_844.65, 3_220_600.00, 90.32)]   // 《丰台报》相关费用
    [InlineData(85_578.00, 102_000.00, 83.90)]        // 部门运转聘用人员经费
    [InlineData(1, 800, 0.13)]                        // 0.125 % : half away from zero, not to even
    [InlineData(-1, 800, -0.13)]
    [InlineData(5, 0, 0)]                             // nothing budgeted: 0, not a division by zero
    [InlineData(150, 100, 150)]
    public void Percent_rounds_half_away_from_zero_to_two_decimals(decimal part, decimal whole, decimal expected) =>
        Assert.Equal(expected, Rounding.Percent(Money.Of(part), Money.Of(whole)));

    [Theory]
    [InlineData(20_000_000.00, 2000.00)]
    [InlineData(2_908_844.65, 290.88)]
    [InlineData(50.00, 0.01)]     // 0.005 万元 rounds up
    [InlineData(49.99, 0.00)]
    [InlineData(-50.00, -0.01)]
    public void Wan_yuan_rounds_half_away_from_zero(decimal yuan, decimal expected) =>
        Assert.Equal(expected, Rounding.ToWanYuan(Money.Of(yuan)));

    /// <summary>The seed's four 类 of 2020 (元): rounded alone they sum to 99.99%; the published table prints 9.90% last.</summary>
    [Fact]
    public void Shares_that_make_up_the_whole_foot_to_100_with_the_last_taking_the_residue()
    {
        Money[] classes = [Money.Of(21_600.00m), Money.Of(28_001_883.65m), Money.Of(2_405_500.00m), Money.Of(3_339_600.00m)];
        var whole = Money.Of(33_768_583.65m);

        Assert.Equal([0.06m, 82.92m, 7.12m, 9.89m], classes.Select(c => Rounding.Percent(c, whole)));
        Assert.Equal([0.06m, 82.92m, 7.12m, 9.90m], Rounding.FootingShares(classes, whole));
        Assert.Equal(100.00m, Rounding.FootingShares(classes, whole).Sum());
        Assert.Equal((3, 9.89m, 0.01m), Rounding.ShareResidue(classes, whole));
        // Parts that are not the whole are each rounded alone: nothing to foot.
        Assert.Equal([0.06m, 82.92m], Rounding.FootingShares(classes[..2], whole));
        Assert.Null(Rounding.ShareResidue(classes[..2], whole));
    }

    /// <summary>A zero part never takes the residue: it goes to the last part that has money, and zero stays 0.00%.</summary>
    [Fact]
    public void The_residue_goes_to_the_last_part_with_money_never_to_a_zero_one()
    {
        Money[] kinds = [Money.Of(1.00m), Money.Of(1.00m), Money.Of(1.00m), Money.Zero];
        var whole = Money.Of(3.00m);

        Assert.Equal([33.33m, 33.33m, 33.34m, 0.00m], Rounding.FootingShares(kinds, whole));
        Assert.Equal((2, 33.33m, 0.01m), Rounding.ShareResidue(kinds, whole));
        Assert.Null(Rounding.ShareResidue([Money.Of(1.00m), Money.Of(3.00m)], Money.Of(4.00m)));
    }
}
