namespace FundLedger.Ledger;

/// <summary>The documents a projection reads and writes, wherever they are held (a group's state, a rebuild).</summary>
public interface ILedgerDocuments
{
    T? Get<T>(string district, string id) where T : class;

    void Put<T>(string district, string id, T document) where T : class;
}

/// <summary>
/// What the application's events make of its documents, given to the write side at start-up: the group commit applies
/// it to every event it appends (so documents change in the transaction that records them) and the rebuild to every
/// recorded event; nothing else computes a document. The write side knows no more of the domain than this.
/// </summary>
public interface ILedgerProjection
{
    /// <summary>Folds one event into the documents it changes.</summary>
    void Apply(ILedgerDocuments documents, string district, string stream, long version, object e);

    /// <summary>
    /// Documents the fold of <paramref name="e"/> reads other than its stream's own (a reversal reads its voucher): a
    /// rebuild reads those of a paged table back from what it already wrote.
    /// </summary>
    IEnumerable<DocumentKey> Reads(string district, string stream, object e);

    /// <summary>Counts a committed event in the application's metrics.</summary>
    void Committed(PendingEvent e);
}
