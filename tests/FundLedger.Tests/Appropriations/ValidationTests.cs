using FundLedger.Appropriations;

namespace FundLedger.Tests.Appropriations;

public sealed class ValidationTests
{
    [Fact]
    public void A_valid_enactment_becomes_a_command_with_hard_control_by_default()
    {
        var (command, refusal) = EnactAppropriation.Validate(2020, new EnactAppropriationRequest
        {
            Code = "P001", Name = "《丰台报》相关费用",
            Department = new DepartmentRef { Code = "110106001", Name = "北京市丰台区融媒体中心" },
            Kind = "project", FunctionClass = "2070899", EconomicClass = "302", FundSource = "general-budget",
            OriginalAmount = 3_220_600m, EnactedOn = "2019-12-20",
        });
        Assert.Null(refusal);
        Assert.Equal(BudgetControl.Hard, command!.Control);
        Assert.Equal(Money.Of(3_220_600m), command.OriginalAmount);
    }

    [Fact]
    public void Every_bad_field_of_a_disbursement_is_named_with_the_batch_prefix()
    {
        var (_, refusal) = RecordDisbursement.Validate(2020, "P 1", new RecordDisbursementRequest
        {
            VoucherNo = "", Amount = new MoneyInput(null, "bad"), PaidOn = "2021-01-01", Payee = new string('x', 201), Memo = "a\u0001b",
        }, "items[7].");
        Assert.Equal(
            ["items[7].amount", "items[7].appropriationCode", "items[7].memo", "items[7].paidOn", "items[7].payee", "items[7].voucherNo"],
            refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }
}
