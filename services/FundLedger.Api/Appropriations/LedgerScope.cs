using FundLedger.Ledger;
using FundLedger.Procurement;

namespace FundLedger.Appropriations;

/// <summary>
/// The aggregate's words for what its writes lock, read and append, over the write side's streams and documents: an
/// appropriation is the stream <c>{year}/{code}</c> and the document of that id; a district-year's lock is shared to
/// create a line in it and exclusive to close it.
/// </summary>
public static class LedgerScope
{
    /// <summary>The stream type recorded for appropriation streams (the streams table's type).</summary>
    public const string AppropriationStreamType = "appropriation";

    public static void LockLine(this WriteNeeds needs, string district, int year, string code)
    {
        var id = Appropriation.KeyFor(year, code);
        needs.LockStream(district, id);
        needs.Read<Appropriation>(district, id);
    }

    public static void ReadLine(this WriteNeeds needs, string district, int year, string code) =>
        needs.Read<Appropriation>(district, Appropriation.KeyFor(year, code));

    public static void ShareYear(this WriteNeeds needs, string district, int year)
    {
        needs.Lock(YearLock(district, year), exclusive: false);
        needs.Read<FiscalYear>(district, FiscalYear.KeyFor(year));
    }

    /// <summary>The year close: the year's lock exclusive, and every appropriation of the year locked and read.</summary>
    public static void CloseYear(this WriteNeeds needs, string district, int year)
    {
        needs.Lock(YearLock(district, year), exclusive: true);
        needs.LockStreamsStartingWith(district, $"{year}/");
        needs.ReadWhere<Appropriation>(district, "year", year);
        needs.Read<FiscalYear>(district, FiscalYear.KeyFor(year));
    }

    public static void ReadVoucher(this WriteNeeds needs, string district, string voucherNo) =>
        needs.Read<Disbursement>(district, voucherNo);

    /// <summary>A payment under a procurement contract holds the contract's stream and reads what was paid under it.</summary>
    public static void LockContract(this WriteNeeds needs, string district, int year, string contractNo)
    {
        var id = ProcurementContract.KeyFor(year, contractNo);
        needs.LockStream(district, id);
        needs.Read<ProcurementContract>(district, id);
    }

    public static ProcurementContract? Contract(this WriteScope scope, int year, string contractNo) =>
        scope.Get<ProcurementContract>(ProcurementContract.KeyFor(year, contractNo));

    public static Appropriation? Line(this WriteScope scope, int year, string code) =>
        scope.Get<Appropriation>(Appropriation.KeyFor(year, code));

    public static IReadOnlyList<Appropriation> Lines(this WriteScope scope, int year) => scope.Where<Appropriation>(l => l.Year == year);

    public static Disbursement? Voucher(this WriteScope scope, string voucherNo) => scope.Get<Disbursement>(voucherNo);

    public static bool YearClosed(this WriteScope scope, int year) => scope.Get<FiscalYear>(FiscalYear.KeyFor(year)) is { Closed: true };

    /// <summary>Appends an event to an appropriation the write holds; answers the figures after it.</summary>
    public static Appropriation Append(this WriteScope scope, Appropriation line, object e)
    {
        scope.AppendTo(line.Id, e);
        return scope.Get<Appropriation>(line.Id)!;
    }

    /// <summary>Starts a new appropriation's stream with its first event; answers its figures.</summary>
    public static Appropriation Start(this WriteScope scope, object first)
    {
        var line = Appropriation.Fold(null, first, 1)
            ?? throw new ArgumentException($"{first.GetType().Name} does not start an appropriation");
        scope.AppendTo(line.Id, first, AppropriationStreamType);
        return scope.Get<Appropriation>(line.Id)!;
    }

    /// <summary>An event on a stream that is not an appropriation's (the fiscal year's, a code list's).</summary>
    public static void Record(this WriteScope scope, string stream, object e) => scope.AppendTo(stream, e);

    /// <summary>The district-year's advisory lock key (the key every release has taken).</summary>
    private static string YearLock(string district, int year) => $"fundledger:{district}:{year}";
}
