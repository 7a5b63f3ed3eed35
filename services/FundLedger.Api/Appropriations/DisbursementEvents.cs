namespace FundLedger.Appropriations;

/// <summary>国库支付: money was paid out against an appropriation under a voucher number (支付凭证号).</summary>
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
    DateTimeOffset RecordedAt);

/// <summary>冲销 / 退款: part or all of a disbursement was reversed by a new event, never by an edit.</summary>
public sealed record DisbursementReversed(
    string VoucherNo,
    string? ReversalId,
    Money Amount,
    string Reason,
    DateOnly ReversedOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);
