using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Hosting;

/// <summary>Every malformed amount is a 400 naming the field; none is rounded, and nothing is recorded.</summary>
public sealed class BadAmountTests(LedgerApp app) : LedgerTest(app)
{
    public static TheoryData<string> BadAmounts => new()
    {
        "1.001", "\"1.001\"", "0", "\"0.00\"", "-5", "\"-5.00\"", "1e3", "1E3", "\"1e3\"", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "1234567890123456", "\"1234567890123456.00\"", "\"\"", "\" 12\"", "\"12,00\"", "\"0x10\"",
        "true", "null", "{}", "[1]", "\"1.\"", "\".5\"",
    };

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public async Task A_bad_disbursement_amount_is_a_400_naming_amount(string amountJson)
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000_000m);
        var before = await App.CountAllEventsAsync(api.District);

        var answer = await api.Post("appropriations/P001/disbursements",
            $$"""{"voucherNo":"V1","amount":{{amountJson}},"paidOn":"2020-05-01"}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(["amount"], answer.ErrorFields);
        Assert.Equal(before, await App.CountAllEventsAsync(api.District));
    }

    [Theory]
    [InlineData("123456789012345.99", "123456789012345.99")]
    [InlineData("\"0.01\"", "0.01")]
    [InlineData("10", "10.00")]
    [InlineData("\"10.5\"", "10.50")]
    public async Task Exact_amounts_as_numbers_or_strings_are_accepted(string amountJson, string expectedText)
    {
        var expected = decimal.Parse(expectedText, System.Globalization.CultureInfo.InvariantCulture);
        var api = NewDistrict();
        await api.Enact("P001", 999_999_999_999_999.99m);
        var answer = await api.Post("appropriations/P001/disbursements",
            $$"""{"voucherNo":"V1","amount":{{amountJson}},"paidOn":"2020-05-01"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(expected, answer.Money("amount"));
        Assert.Equal(expected, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task A_negative_original_amount_is_refused()
    {
        var api = NewDistrict();
        var answer = await api.Enact("P001", -0.01m);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["originalAmount"], answer.ErrorFields);
    }
}
