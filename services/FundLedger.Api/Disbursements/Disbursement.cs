using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;
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

    [JsonIgnore] public Money Remaining => Amount - Reversed;
}

/// <summary>
/// An event projection rather than an aggregation: recording a payment (the hot path) writes the voucher's
/// document without first reading it; only a reversal, which is rare, reads it back.
/// </summary>
public sealed partial class DisbursementProjection : EventProjection
{
    public Disbursement Create(DisbursementRecorded e) => new()
    {
        Id = e.VoucherNo,
        AppropriationCode = e.AppropriationCode,
        Year = e.Year,
        Amount = e.Amount,
        PaidOn = e.PaidOn,
    };

    public async Task Project(DisbursementReversed e, IDocumentOperations ops, CancellationToken ct)
    {
        var paid = await ops.LoadAsync<Disbursement>(e.VoucherNo, ct)
            ?? throw new InvalidOperationException($"reversal of voucher {e.VoucherNo}, which was never recorded");
        ops.Store(paid with { Reversed = paid.Reversed + e.Amount });
    }
}
