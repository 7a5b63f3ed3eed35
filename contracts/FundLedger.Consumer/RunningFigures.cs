using System.Text.Json;
using CloudNative.CloudEvents;
using FundLedger.Integration;

namespace FundLedger.Consumer;

/// <summary>One appropriation's figures as a downstream system keeps them from the integration events alone, in 元.</summary>
public sealed record LineFigures(decimal Original, decimal Supplements, decimal Reductions, decimal Disbursed, decimal Reversed,
    decimal Carried, decimal Lapsed)
{
    public static readonly LineFigures None = new(0, 0, 0, 0, 0, 0, 0);
    public decimal Adjusted => Original + Supplements - Reductions;
    public decimal Executed => Disbursed - Reversed;
}

/// <summary>
/// The figures per appropriation (<c>{district}/{year}/{code}</c>) from the events, each applied once: a message whose
/// (source, id) was already applied is a redelivery or a re-publish (delivery is at least once) and changes nothing. The ids
/// seen are kept in full: a relay re-publishes from its cursor, so an id below the highest seen may still be new.
/// </summary>
public sealed class RunningFigures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HashSet<string>> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LineFigures> _lines = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LineFigures> Lines => _lines;

    public int Applied { get; private set; }
    public int Duplicates { get; private set; }

    /// <summary>Applies an event unless it was applied before; answers whether it was new.</summary>
    public bool Apply(CloudEvent e)
    {
        var source = e.Source?.ToString() ?? "";
        if (!(_seen.TryGetValue(source, out var ids) ? ids : _seen[source] = []).Add(e.Id ?? ""))
        {
            Duplicates++;
            return false;
        }
        Applied++;
        if (e.Type is { } type && IntegrationTopology.Records.TryGetValue(type, out var record) && e.Data is JsonElement data)
            Fold(data.Deserialize(record, Json)!);
        return true;
    }

    private void Fold(object record)
    {
        switch (record)
        {
            case AppropriationEnactedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Original = f.Original + r.OriginalAmount.Yuan });
                break;
            case AppropriationCarriedOverV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Original = f.Original + r.Amount.Yuan });
                break;
            case OpeningBalanceAdjustedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Original = f.Original + r.Change.Yuan });
                break;
            case AppropriationAdjustedV1 r when r.Change.IsNegative:
                Change(r.District, r.Year, r.Appropriation, f => f with { Reductions = f.Reductions + r.Amount.Yuan });
                break;
            case AppropriationAdjustedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Supplements = f.Supplements + r.Amount.Yuan });
                break;
            case DisbursementRecordedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Disbursed = f.Disbursed + r.Amount.Yuan });
                break;
            case DisbursementReversedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Reversed = f.Reversed + r.Amount.Yuan });
                break;
            case BalanceCarriedForwardV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Carried = f.Carried + r.Amount.Yuan });
                break;
            case BalanceLapsedV1 r:
                Change(r.District, r.Year, r.Appropriation, f => f with { Lapsed = f.Lapsed + r.Amount.Yuan });
                break;
        }
    }

    private void Change(string district, int year, string code, Func<LineFigures, LineFigures> change)
    {
        var key = $"{district}/{year}/{code}";
        _lines[key] = change(_lines.GetValueOrDefault(key, LineFigures.None));
    }
}
