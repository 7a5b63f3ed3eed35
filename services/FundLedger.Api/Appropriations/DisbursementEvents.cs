using System.Text.Json.Serialization;

namespace FundLedger.Appropriations;

/// <summary>
/// 国库支付: money was paid out against an appropriation under a voucher number (支付凭证号). <c>EconomicClass</c> is the
/// 经济分类 the payment named (its line's class or one of its 款); absent, the payment is on its line's class.
/// <c>ContractNo</c> is the 政府采购 contract of the year it was paid under, if any; <c>Receptions</c>/<c>Guests</c>
/// (公务接待 批次/人次, on 30217) and <c>VehicleExpense</c> (the kind of 公务用车运行维护, on 30231) the 三公 details.
/// </summary>
public sealed record DisbursementRecorded(
    string VoucherNo,
    string AppropriationCode,
    int Year,
    Money Amount,
    DateOnly PaidOn,
    string? CostItem,
    string? Payee,
    string? Memo,
    bool OverBudget,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EconomicClass = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContractNo = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Receptions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Guests = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VehicleExpense? VehicleExpense = null);

/// <summary>
/// 冲销 / 退款: part or all of a disbursement was reversed by a new event, never by an edit. <c>EconomicClass</c> is the
/// class the reversed payment named, so the reversal comes off the same class;
/// <c>ContractNo</c> the contract it was paid under, so the reversal comes off what was paid under it, and
/// <c>VehicleExpense</c> the kind of 公务用车运行维护 it was.
/// </summary>
public sealed record DisbursementReversed(
    string VoucherNo,
    string? ReversalId,
    Money Amount,
    string Reason,
    DateOnly ReversedOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EconomicClass = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContractNo = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VehicleExpense? VehicleExpense = null);
