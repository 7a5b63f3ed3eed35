using FundLedger.Hosting;
using JasperFx.Events;
using Marten;

namespace FundLedger.Appropriations;

/// <summary>
/// An appropriation's stream held under its row lock (SELECT … FOR UPDATE) for one write, so concurrent
/// writers to the same appropriation decide one after another on the figures the previous one committed.
/// </summary>
public sealed class AppropriationLock(int year, string code)
{
    private IEventStream<Appropriation>? _stream;
    private Appropriation? _current;

    /// <summary>The figures including every event appended under this lock so far (a batch appends several).</summary>
    public Appropriation State => _current ?? throw new InvalidOperationException("the lock was not taken");

    /// <summary>Takes the lock; a refusal when there is no such appropriation.</summary>
    public async Task<Refusal?> TakeAsync(IDocumentSession session, CancellationToken ct)
    {
        _stream = await session.Events.FetchForExclusiveWriting<Appropriation>(Appropriation.KeyFor(year, code), ct);
        _current = _stream.Aggregate;
        return _current is null ? NotFound(year, code) : null;
    }

    /// <summary>Appends an event and answers the figures after it, computed by the projection's own fold.</summary>
    public Appropriation Append(object e)
    {
        _current = State.Then(e, State.Version + 1);
        _stream!.AppendOne(e);
        return _current;
    }

    public static Refusal NotFound(int year, string code) =>
        Refusal.NotFound("appropriation", $"There is no appropriation {code} in {year} for this district.");
}
