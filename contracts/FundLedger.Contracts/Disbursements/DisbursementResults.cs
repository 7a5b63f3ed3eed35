namespace FundLedger.Appropriations;

/// <summary>The answer to a recorded disbursement (and the answer replayed to a retry of it).</summary>
public sealed record DisbursementReceipt(
    string VoucherNo,
    string AppropriationCode,
    int Year,
    decimal Amount,
    DateOnly PaidOn,
    int Quarter,
    bool OverBudget,
    decimal AvailableAfter,
    long AppropriationVersion,
    DateTimeOffset RecordedAt);

public sealed record ReversalReceipt(
    string VoucherNo,
    string AppropriationCode,
    int Year,
    decimal Amount,
    decimal ReversedTotal,
    decimal RemainingOfDisbursement,
    DateOnly ReversedOn,
    long AppropriationVersion,
    DateTimeOffset RecordedAt);

/// <summary>
/// One batch item's outcome: <c>recorded</c>, <c>replayed</c> (same voucher and body seen before) or
/// <c>refused</c> with a problem like the single endpoint's.
/// </summary>
public sealed record BatchItemResult(
    int Index, string? VoucherNo, string Outcome, int Status, DisbursementReceipt? Receipt, BatchItemProblem? Problem);

public sealed record BatchItemProblem(string Type, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record BatchDisbursementsResult(int Year, int Recorded, int Replayed, int Refused, IReadOnlyList<BatchItemResult> Items);
