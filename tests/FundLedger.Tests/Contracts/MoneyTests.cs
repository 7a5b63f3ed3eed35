using System.Text.Json;

namespace FundLedger.Tests.Contracts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("0.01", "0.01")]
    [InlineData("12.3", "12.30")]
    [InlineData("-5.00", "-5.00")]
    [InlineData("007.10", "7.10")]
    [InlineData("999999999999999.99", "999999999999999.99")]
    public void Plain_decimals_parse_exactly(string text, string expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var money, out _));
        Assert.Equal(expected, money.ToString());
    }

    [Theory]
    [InlineData("1.001", "2 fractional")]
    [InlineData("1.000", "2 fractional")]
    [InlineData("1e3", "plain decimal")]
    [InlineData("NaN", "plain decimal")]
    [InlineData("Infinity", "plain decimal")]
    [InlineData("1000000000000000", "15 integer")]
    [InlineData("", "empty")]
    [InlineData("1.", "plain decimal")]
    [InlineData(".5", "plain decimal")]
    [InlineData("+5", "plain decimal")]
    [InlineData("1 000", "plain decimal")]
    public void Anything_else_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(MoneyParser.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Money_is_always_at_scale_two_and_adds_exactly()
    {
        var sum = Enumerable.Repeat(Money.Of(0.10m), 10).Sum(m => m);
        Assert.Equal(Money.Of(1m), sum);
        Assert.Equal("1.00", sum.ToString());
        Assert.Equal("1.00", JsonSerializer.Serialize(sum));
        Assert.Equal(Money.Of(0.3m), Money.Of(0.1m) + Money.Of(0.2m));
    }

    [Fact]
    public void Money_refuses_a_third_decimal_rather_than_rounding_it()
    {
        Assert.Throws<ArgumentException>(() => Money.Of(0.005m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Of(1_000_000_000_000_000m));
    }

    [Fact]
    public void Stored_money_round_trips_through_json()
    {
        var json = JsonSerializer.Serialize(new { amount = Money.Of(2_908_844.65m) });
        Assert.Equal("{\"amount\":2908844.65}", json);
        Assert.Equal(Money.Of(2_908_844.65m), JsonSerializer.Deserialize<Money>("2908844.65"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>("1e2"));
    }

    [Fact]
    public void Request_amounts_keep_the_reason_they_are_bad_instead_of_throwing()
    {
        Assert.Equal("must have at most 2 fractional digits (分)", JsonSerializer.Deserialize<MoneyInput>("\"1.234\"").Error);
        Assert.NotNull(JsonSerializer.Deserialize<MoneyInput>("{\"a\":1}").Error);
        Assert.Equal(Money.Of(12.5m), JsonSerializer.Deserialize<MoneyInput>("\"12.50\"").Value);
    }
}
