using FundLedger.Http;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using System.Collections.Concurrent;
using System.Text.Json;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Store;

namespace FundLedger.Appropriations;

/// <summary>
/// A district loaded (part of) a year's 政府收支分类科目 (支出功能分类): the codes and their names, who and when. Its
/// stream is <c>classification/{year}/{listId}</c>, one per list.
/// </summary>
public sealed record FunctionClassificationLoaded(
    int Year, string ListId, string Source, IReadOnlyList<ClassificationCode> Codes, string RecordedBy, string ClientId,
    DateTimeOffset RecordedAt);

public sealed record ClassificationCode(string Code, string Name);

/// <summary>
/// A year's function classification as the reports name codes by it: the list shipped with the service for that year (the
/// years the samples use), then every list the district loaded, in the order recorded, each adding codes and renaming the ones
/// it repeats. A code in none of them is unknown: reports flag it instead of naming it.
/// </summary>
public sealed class FunctionClassification
{
    private readonly Dictionary<string, (string Name, string Source)> _codes = new(StringComparer.Ordinal);

    private FunctionClassification(int year, ShippedList? shipped, IEnumerable<FunctionClassificationLoaded> loaded)
    {
        Year = year;
        Shipped = shipped?.Source ?? "";
        foreach (var c in shipped?.Codes ?? []) _codes[c.Code] = (c.Name, "shipped");
        Loaded = loaded.ToList();
        foreach (var list in Loaded)
            foreach (var c in list.Codes) _codes[c.Code] = (c.Name, list.ListId);
    }

    public int Year { get; }
    public string Shipped { get; }
    public IReadOnlyList<FunctionClassificationLoaded> Loaded { get; }

    /// <summary>The code's name in the year's list, or null when the list does not have it.</summary>
    public string? Name(string code) => _codes.TryGetValue(code, out var entry) ? entry.Name : null;

    public IEnumerable<ClassificationEntry> Entries => _codes.OrderBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => new ClassificationEntry(c.Key, c.Value.Name, Level(c.Key), c.Value.Source));

    public static FunctionClassification Of(int year, IEnumerable<FunctionClassificationLoaded> loaded) =>
        new(year, ShippedList.For(year), loaded);

    public static string StreamFor(int year, string listId) => $"classification/{year}/{listId}";

    private static string Level(string code) => code.Length switch { 3 => "class", 5 => "section", _ => "item" };

    /// <summary>The year's list: the shipped one, and those the district loaded (as of an instant, those loaded by then).</summary>
    public static async Task<FunctionClassification> ReadAsync(StoreSession session, int year, DateTimeOffset? asOf, CancellationToken ct)
    {
        var prefix = $"classification/{year}/";
        var until = asOf ?? DateTimeOffset.MaxValue;
        var events = await session.StreamEventsAsync(prefix, until, ct);
        return Of(year, events.Select(e => e.Data).OfType<FunctionClassificationLoaded>());
    }

    /// <summary>The lists shipped with the service (Appropriations/Classifications/function-{year}.json), by year.</summary>
    private sealed record ShippedList(int Year, string Source, IReadOnlyList<ClassificationCode> Codes)
    {
        private static readonly ConcurrentDictionary<int, ShippedList?> Years = new();

        public static ShippedList? For(int year) => Years.GetOrAdd(year, y =>
        {
            using var stream = typeof(ShippedList).Assembly.GetManifestResourceStream($"FundLedger.Classifications.function-{y}.json");
            return stream is null ? null : JsonSerializer.Deserialize<ShippedList>(stream, JsonSerializerOptions.Web);
        });
    }
}

/// <summary>Loading a list: the checks of the request, and the event it becomes.</summary>
public static class LoadFunctionClassification
{
    public const int MostCodes = 10_000;

    public sealed record Command(int Year, string ListId, string Source, IReadOnlyList<ClassificationCode> Codes);

    public static Validated<Command> Validate(int year, LoadFunctionClassificationRequest r)
    {
        var f = new Fields();
        var listId = f.Code("listId", r.ListId);
        var source = f.Required("source", r.Source, 200);
        var codes = new List<ClassificationCode>();
        if (r.Codes is null || r.Codes.Count == 0) f.Add("codes", "is required: at least one code");
        else if (r.Codes.Count > MostCodes) f.Add("codes", $"must have at most {MostCodes} codes");
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var n = 0; n < r.Codes.Count; n++)
            {
                var at = $"codes[{n}].";
                if (r.Codes[n] is not { } c) { f.Add($"codes[{n}]", "must be an object"); continue; }
                var code = f.Required(at + "code", c.Code, 7);
                if (code.Length > 0 && !(code.Length is 3 or 5 or 7 && code.All(char.IsAsciiDigit)))
                    f.Add(at + "code", "must be a 3-, 5- or 7-digit 功能分类 code (类, 款 or 项)");
                else if (code.Length > 0 && !seen.Add(code)) f.Add(at + "code", $"{code} is listed twice");
                var name = f.Required(at + "name", c.Name, 100);
                codes.Add(new ClassificationCode(code, name));
            }
        }
        return Validated<Command>.From(f, () => new Command(year, listId, source, codes));
    }

    /// <summary>A list of its own stream; claims its listId, so a retry replays and another body under it is 409.</summary>
    public sealed class Write(string district, Command command, string fingerprint, string? idempotencyKey)
        : LedgerWrite("load-classification", district)
    {
        public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.With(
            new KeyClaim($"classification:{command.Year}/{command.ListId}", "classification-conflict",
                $"Classification list {command.ListId} of {command.Year} was already loaded with a different body"),
            idempotencyKey);

        public override string RequestHash => fingerprint;
        public override string? EarlierRequestHash => CommandHash.Of("load-classification", command);

        public override void Declare(WriteNeeds needs) { }

        public override Decided Run(WriteScope scope)
        {
            var e = new FunctionClassificationLoaded(command.Year, command.ListId, command.Source, command.Codes, scope.Actor.Subject,
                scope.Actor.ClientId, scope.Now);
            scope.Record(FunctionClassification.StreamFor(command.Year, command.ListId), e);
            return Decided.Answer(201, Summary(e));
        }
    }

    /// <summary>What a list's answer and the year's list say of it.</summary>
    public static ClassificationListSummary Summary(FunctionClassificationLoaded e) =>
        new(e.ListId, e.Source, e.Codes.Count, e.RecordedBy, e.ClientId, e.RecordedAt);
}

[Tags("Appropriations")]
public static class LoadFunctionClassificationEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/classifications/function", OperationId = "LoadFunctionClassification")]
    [RequiresScope(Scopes.BudgetWrite)]
    [RequestSizeLimit(BodyChecks.Batch)]
    [EndpointSummary("Load (part of) the year's 政府收支分类科目 (支出功能分类): codes and their names")]
    [EndpointDescription("Records FunctionClassificationLoaded (who, when, from where). The year's list is the one shipped with the " +
        "service for that year (the samples' years) followed by every list loaded, in order: each adds codes and renames those it " +
        "repeats. listId is the business key: a retry replays the first answer, another body under it is 409 " +
        "classification-conflict. Reports name codes by the list and flag those it lacks (unknownCode).")]
    [ProducesResponseType<ClassificationListSummary>(201)]
    public static async Task<IResult> Record(string district, int year, LoadFunctionClassificationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = LoadFunctionClassification.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new LoadFunctionClassification.Write(district, command!,
            RequestFingerprint.Of("load-classification", request, ("year", year)), idempotencyKey), http, idempotencyKey);
    }
}
