namespace FundLedger.Ledger;

/// <summary>
/// One write as the group commit runs it: what it must lock and read, the keys it claims, and its run against the
/// group's state. A run asks a pure decision (<c>Decide(state, command, actor, now)</c>) and appends the events it
/// returns; it never touches the database, so a group decides all its writes in memory between two round trips.
/// </summary>
public abstract class LedgerWrite(string operation, string district)
{
    /// <summary>The span and metric name of the write: enact, adjust, disburse, batch, reverse, carry-forward, close-year.</summary>
    public string Operation => operation;

    /// <summary>The tenant every row of the write belongs to.</summary>
    public string District => district;

    /// <summary>Keys whose earlier answer is replayed (same request) or refused (another request) instead of deciding again.</summary>
    public abstract IReadOnlyList<KeyClaim> Claims { get; }

    /// <summary>Fingerprint of what the request asks for (see <see cref="RequestFingerprint"/>).</summary>
    public abstract string RequestHash { get; }

    /// <summary>
    /// The fingerprint the same request had before <see cref="RequestFingerprint"/> (<see cref="CommandHash"/>): a claim
    /// recorded under it by an earlier release is the same request, replayed, not another one refused. Computed when
    /// asked (only for such a claim).
    /// </summary>
    public virtual string? EarlierRequestHash => null;

    /// <summary>How many items the write brings to a group (a batch brings its items).</summary>
    public virtual int Size => 1;

    /// <summary>A write that takes a transaction of its own: the year close locks a whole year.</summary>
    public virtual bool Alone => false;

    public abstract void Declare(WriteNeeds needs);

    public abstract Decided Run(WriteScope scope);

    /// <summary>Counts what only the write knows (a batch's replayed and refused items), once its answer is committed.</summary>
    public virtual void Committed(WriteAnswer answer) { }
}
