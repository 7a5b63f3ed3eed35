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
}
