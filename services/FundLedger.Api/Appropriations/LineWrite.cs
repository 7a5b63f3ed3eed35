using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// A write that appends one event to one appropriation it holds under its lock (追加/调减, goals, evaluations): it claims
/// its business key, is fingerprinted by its endpoint over the wire request, and answers 201 with what the
/// appropriation looks like after the event; an appropriation that does not exist is 404. Each slice gives its pure
/// decision and its answer; the locking, claiming and appending are this one class's.
/// </summary>
public sealed class LineWrite<TCommand>(string operation, string district, int year, string code, TCommand command, KeyClaim business,
    string fingerprint, string? idempotencyKey, LineWrite<TCommand>.Decision decide, Func<Appropriation, object> answer)
    : LedgerWrite(operation, district)
{
    /// <summary>The pure decision against the appropriation as the writes before it in the group left it.</summary>
    public delegate (object? Event, Refusal? Refusal) Decision(Appropriation line, TCommand command, Actor actor, DateTimeOffset now);

    public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.With(business, idempotencyKey);

    public override string RequestHash => fingerprint;

    public override string? EarlierRequestHash => CommandHash.Of($"{Operation} {Appropriation.KeyFor(year, code)}", command);

    public override void Declare(WriteNeeds needs) => needs.LockLine(District, year, code);

    public override Decided Run(WriteScope scope)
    {
        if (scope.Line(year, code) is not { } line) return Decided.Refused(Appropriation.NotFound(year, code));
        var (e, refusal) = decide(line, command, scope.Actor, scope.Now);
        return refusal is not null ? Decided.Refused(refusal) : Decided.Answer(201, answer(scope.Append(line, e!)));
    }
}
