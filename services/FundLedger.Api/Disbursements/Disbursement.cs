using Marten.Events.Projections;

namespace FundLedger.Disbursements;

/// <summary>
/// One voucher's payment and what has been reversed of it: the state a reversal decides on, found by voucher
/// number without reading the appropriation's whole stream.
/// </summary>
public sealed record Disbursement
{
    /// <summary>The voucher number, unique within a district.</summary>
    public string Id { get; init; } = "";
    public string AppropriationCode { get; init; } = "";
    public int Year { get; init; }
    public Money Amount { get; init; }
    public Money Reversed { get; init; }
    public DateOnly PaidOn { get; init; }

    public Money Remaining => Amount - Reversed;
}

public sealed partial class DisbursementProjection : MultiStreamProjection<Disbursement, string>
{
    public DisbursementProjection()
    {
        Identity<DisbursementRecorded>(e => e.VoucherNo);
        Identity<DisbursementReversed>(e => e.VoucherNo);
    }

    public Disbursement Create(DisbursementRecorded e) => new()
    {
        Id = e.VoucherNo,
        AppropriationCode = e.AppropriationCode,
        Year = e.Year,
        Amount = e.Amount,
        PaidOn = e.PaidOn,
    };

    public Disbursement Apply(DisbursementReversed e, Disbursement d) => d with { Reversed = d.Reversed + e.Amount };
}
