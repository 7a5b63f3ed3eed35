using System.ComponentModel.DataAnnotations;

namespace FundLedger.Appropriations;

/// <summary>国库支付: a payment against an appropriation, identified by its voucher number (支付凭证号).</summary>
public record RecordDisbursementRequest
{
    /// <summary>Unique within the district: the same voucher and body again replays the first answer.</summary>
    [Required] public string? VoucherNo { get; init; }
    /// <summary>In 元, more than 0.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    /// <summary>yyyy-MM-dd inside the fiscal year; gives the quarter.</summary>
    [Required] public string? PaidOn { get; init; }
    public string? CostItem { get; init; }
    public string? Payee { get; init; }
    public string? Memo { get; init; }
    /// <summary>
    /// 部门预算支出经济分类 code (3 or 5 digits) of the year's list: the line's class, or one of its 款 when the line is
    /// budgeted on a 类 (a line on 302 pays 30217 公务接待费). Left out, the payment is on its line's class.
    /// </summary>
    public string? EconomicClass { get; init; }
    /// <summary>
    /// The 政府采购 contract of the district and year the payment is made under (<c>POST …/procurement-contracts</c>): of the
    /// line's own unit, and under hard control never paid beyond its amount. Left out, the payment is not procurement.
    /// </summary>
    public string? ContractNo { get; init; }
    /// <summary>公务接待 批次: receptions this payment paid for; only on 30217 公务接待费 (named or the line's class).</summary>
    public int? Receptions { get; init; }
    /// <summary>公务接待 人次: guests received; only on 30217, and with receptions.</summary>
    public int? Guests { get; init; }
    /// <summary>
    /// What of 30231 公务用车运行维护费 the payment is: <c>fuel</c> 加油, <c>repair</c> 维修, <c>insurance</c> 保险 or
    /// <c>other</c> 其他 (the default on 30231); only on 30231.
    /// </summary>
    public string? VehicleExpense { get; init; }
}

/// <summary>One item of a batch: a disbursement naming its appropriation.</summary>
public sealed record BatchDisbursementItem : RecordDisbursementRequest
{
    [Required] public string? AppropriationCode { get; init; }
}

public sealed record BatchDisbursementsRequest
{
    /// <summary>1 to 1,000 disbursements.</summary>
    [Required] public IReadOnlyList<BatchDisbursementItem?>? Items { get; init; }
}

/// <summary>冲销: a correction of a disbursement by a new event; <c>amount</c> defaults to what is left of it.</summary>
public sealed record ReverseDisbursementRequest
{
    public MoneyInput? Amount { get; init; }
    [Required] public string? Reason { get; init; }
    /// <summary>yyyy-MM-dd inside the fiscal year, not before the payment.</summary>
    [Required] public string? ReversedOn { get; init; }
    /// <summary>Makes the reversal idempotent: the same id and body again replays the first answer.</summary>
    public string? ReversalId { get; init; }
}
