using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// A write that appends one event to one appropriation it holds under its lock (追加/调减, goals, evaluations): it claims
/// its business key, is fingerprinted by its endpoint over the wire request, and answers 201 with what the
/// appropriation looks like after the event; an appropriation that does not exist is 404.
/// </summary>
public abstract class LineWrite<TCommand>(string operation, string district, int year, string code, TCommand command, KeyClaim business,
    string fingerprint, string? idempotencyKey) : LedgerWrite(operation, district)
{
    public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.With(business, idempotencyKey);

    public override string RequestHash => fingerprint;

    public override string? EarlierRequestHash => CommandHash.Of($"{Operation} {Appropriation.KeyFor(year, code)}", command);

    public override void Declare(WriteNeeds needs) => needs.LockLine(District, year, code);

    public override Decided Run(WriteScope scope)
    {
        if (scope.Line(year, code) is not { } line) return Decided.Refused(Appropriation.NotFound(year, code));
        var (e, refusal) = Decide(line, command, scope.Actor, scope.Now);
        return refusal is not null ? Decided.Refused(refusal) : Decided.Answer(201, Answer(scope.Append(line, e!)));
    }

    /// <summary>The pure decision against the appropriation as the writes before it in the group left it.</summary>
    protected abstract (object? Event, Refusal? Refusal) Decide(Appropriation line, TCommand command, Actor actor, DateTimeOffset now);

    protected abstract object Answer(Appropriation after);
}
