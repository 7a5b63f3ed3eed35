using FundLedger.Appropriations;
using FundLedger.YearEnd;

namespace FundLedger.Ledger;

/// <summary>A row of a district: the tenant and the document or stream id.</summary>
public readonly record struct DistrictKey(string District, string Id) : IComparable<DistrictKey>
{
    public int CompareTo(DistrictKey other)
    {
        var byDistrict = string.CompareOrdinal(District, other.District);
        return byDistrict != 0 ? byDistrict : string.CompareOrdinal(Id, other.Id);
    }
}

/// <summary>
/// What a group of writes must lock and read before it can decide, declared by each write and gathered so the
/// group takes every lock in one statement and reads every document kind in one query.
/// </summary>
public sealed class WriteNeeds
{
    /// <summary>District-years whose advisory lock the group takes: shared to create a line in it, exclusive to close it.</summary>
    public SortedDictionary<(string District, int Year), bool> YearLocks { get; } = new(Comparer<(string District, int Year)>.Create(
        (a, b) => string.CompareOrdinal(a.District, b.District) is var c and not 0 ? c : a.Year.CompareTo(b.Year)));

    /// <summary>Appropriation streams held under their row lock while the group decides and commits.</summary>
    public SortedSet<DistrictKey> LockedLines { get; } = [];

    /// <summary>Appropriations read (every locked one, and those a write only needs to know exist).</summary>
    public HashSet<DistrictKey> Lines { get; } = [];

    /// <summary>District-years all of whose appropriations are locked and read (the year close).</summary>
    public HashSet<(string District, int Year)> AllLinesOf { get; } = [];

    public HashSet<DistrictKey> Vouchers { get; } = [];
    public HashSet<DistrictKey> Claims { get; } = [];
    public HashSet<DistrictKey> Years { get; } = [];

    public void LockLine(string district, int year, string code)
    {
        var key = new DistrictKey(district, Appropriation.KeyFor(year, code));
        LockedLines.Add(key);
        Lines.Add(key);
    }

    public void ReadLine(string district, int year, string code) => Lines.Add(new DistrictKey(district, Appropriation.KeyFor(year, code)));

    public void ShareYear(string district, int year)
    {
        YearLocks.TryAdd((district, year), false);
        Years.Add(new DistrictKey(district, FiscalYear.KeyFor(year)));
    }

    public void CloseYear(string district, int year)
    {
        YearLocks[(district, year)] = true;
        AllLinesOf.Add((district, year));
        Years.Add(new DistrictKey(district, FiscalYear.KeyFor(year)));
    }

    public void ReadVoucher(string district, string voucherNo) => Vouchers.Add(new DistrictKey(district, voucherNo));

    public void ReadClaims(string district, IEnumerable<KeyClaim> claims)
    {
        foreach (var claim in claims) Claims.Add(new DistrictKey(district, claim.Key));
    }
}
