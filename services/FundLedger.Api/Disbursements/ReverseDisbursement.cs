using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.YearEnd;

namespace FundLedger.Disbursements;

/// <summary>冲销: a reversal is a new event linked to the disbursement, never more than what is left of it.</summary>
public static class ReverseDisbursement
{
    public sealed record Command(string VoucherNo, Money? Amount, string Reason, DateOnly ReversedOn, string? ReversalId);

    public static Validated<Command> Validate(int year, string voucherNo, ReverseDisbursementRequest r)
    {
        var f = new Fields();
        var voucher = f.Code("voucherNo", voucherNo);
        Money? amount = r.Amount is null ? null : f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var reversedOn = f.Date("reversedOn", r.ReversedOn);
        if (reversedOn != default && reversedOn.Year != year) f.Add("reversedOn", $"must fall in the fiscal year {year}");
        var reversalId = r.ReversalId is null ? null : f.Code("reversalId", r.ReversalId);
        return Validated<Command>.From(f, () => new Command(voucher, amount, reason, reversedOn, reversalId));
    }

    public static (DisbursementReversed? Event, Refusal? Refusal) Decide(Appropriation line, Disbursement paid, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(line) is { } closed) return (null, closed);
        if (!paid.Remaining.IsPositive)
            return (null, Refusal.Conflict("already-reversed", "The disbursement is already fully reversed",
                $"Voucher {paid.Id} paid {paid.Amount} and {paid.Reversed} has been reversed. Nothing was recorded."));
        var amount = c.Amount ?? paid.Remaining;
        if (amount > paid.Remaining)
            return (null, Refusal.Conflict("reversal-exceeds-disbursement", "The reversal is larger than what is left of the disbursement",
                $"Voucher {paid.Id} has {paid.Remaining} left to reverse (paid {paid.Amount}, reversed {paid.Reversed}), not {amount}. Nothing was recorded."));
        if (c.ReversedOn < paid.PaidOn)
            return (null, Refusal.Invalid("reversedOn", $"must not be before the payment date {paid.PaidOn:yyyy-MM-dd}"));

        return (new DisbursementReversed(paid.Id, c.ReversalId, amount, c.Reason, c.ReversedOn, actor.Subject, actor.ClientId, now), null);
    }
}
