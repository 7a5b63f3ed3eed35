using FundLedger.Appropriations;
using FundLedger.Procurement;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Procurement;

/// <summary>The contract's fold, the payment's decision on it and the year's 采购, without a database.</summary>
public sealed class ProcurementDecisionTests
{
    private static ProcurementContract Signed(decimal amount, SupplierSize size = SupplierSize.Small, string no = "CG-1",
        ProcurementCategory category = ProcurementCategory.Goods) =>
        ProcurementContract.Fold(null, new ProcurementContractSigned(2020, no, "D01", "dept", category, "供应商", size, Money.Of(amount),
            new DateOnly(2020, 3, 1), null, "u", "c", Build.Now))!;

    private static RecordDisbursement.Command Under(decimal amount, string contractNo = "CG-1") =>
        Build.Pay(amount) with { ContractNo = contractNo };

    [Fact]
    public void Under_hard_control_a_payment_beyond_the_contract_is_refused_and_under_advisory_control_it_is_recorded()
    {
        var contract = Signed(1_000m);
        var (refused, why) = RecordDisbursement.Decide(Build.Line(10_000m), Under(1_000.01m), Build.Actor, Build.Now, contract);
        var (advisory, _) = RecordDisbursement.Decide(Build.Line(10_000m, control: BudgetControl.Advisory), Under(1_000.01m), Build.Actor,
            Build.Now, contract);

        Assert.Null(refused);
        Assert.Equal("amount", why!.Errors!.Keys.Single());
        Assert.Equal("CG-1", advisory!.ContractNo);
    }

    [Fact]
    public void A_payment_naming_a_contract_that_does_not_exist_or_is_another_units_is_refused_on_contractNo()
    {
        var (_, missing) = RecordDisbursement.Decide(Build.Line(10_000m), Under(10m), Build.Actor, Build.Now, contract: null);
        var (_, other) = RecordDisbursement.Decide(Build.Line(10_000m, department: "D02"), Under(10m), Build.Actor, Build.Now,
            Signed(1_000m));

        Assert.Equal("contractNo", missing!.Errors!.Keys.Single());
        Assert.Equal("contractNo", other!.Errors!.Keys.Single());
    }

    [Fact]
    public void The_fold_adds_payments_takes_back_reversals_and_ignores_what_is_not_the_contracts()
    {
        var paid = ProcurementContract.Fold(Signed(1_000m), Build.Paid("P001", "V1", 600m, new DateOnly(2020, 4, 1)))!;
        var reversed = ProcurementContract.Fold(paid, new DisbursementReversed("V1", null, Money.Of(100m), "退款",
            new DateOnly(2020, 5, 1), "u", "c", Build.Now, ContractNo: "CG-1"))!;

        Assert.Equal((600m, 1), (paid.Net.Yuan, paid.Payments));
        Assert.Equal((500m, 500m), (reversed.Net.Yuan, reversed.Remaining.Yuan));
        Assert.Null(ProcurementContract.Fold(null, Build.Paid("P001", "V2", 1m, new DateOnly(2020, 4, 1))));
    }

    [Fact]
    public void Medium_suppliers_count_as_smes_but_not_as_small_and_micro_and_an_empty_year_has_shares_of_zero()
    {
        ProcurementContract Paid(ProcurementContract c, decimal amount) =>
            ProcurementContract.Fold(c, Build.Paid("P001", "V", amount, new DateOnly(2020, 4, 1)))!;
        var report = ProcurementReportBuilder.Build(2020, null, ProcurementBasis.Payments,
            [Paid(Signed(300m, SupplierSize.Medium, "A"), 300m), Paid(Signed(100m, SupplierSize.Micro, "B"), 100m),
             Paid(Signed(600m, SupplierSize.Large, "C", ProcurementCategory.Works), 600m)], asOf: null);
        var empty = ProcurementReportBuilder.Build(2020, null, ProcurementBasis.Contracts, [], asOf: null);

        Assert.Equal((1_000m, 400m, 100m), (report.Total.Amount, report.Total.SmeAmount, report.Total.SmallMicroAmount));
        Assert.Equal((40.00m, 10.00m), (report.SmeShare, report.SmallMicroShare));
        Assert.Equal(600m, report.Categories.Single(c => c.Category == "works").Amount);
        Assert.Equal((0m, 0m, 3), (empty.Total.Amount, empty.SmeShare, empty.Categories.Count));
    }
}
