using System.Text.RegularExpressions;

namespace FundLedger.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, read off the service's sources: which folder's files name which other folder's
/// namespace (a using directive or a qualified name). A new arrow the page forbids fails here.
/// </summary>
public sealed partial class DependencyTests
{
    private static readonly string Service = Path.Combine(Infrastructure.Samples.RepositoryRoot(), "services", "FundLedger.Api");

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>> Arrows = new(Read);

    /// <summary>Folder → the folders it uses → the files that do.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Read()
    {
        var folders = Directory.GetDirectories(Service).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>()
            .ToHashSet();
        return folders.ToDictionary(folder => folder, folder =>
        {
            var uses = new Dictionary<string, List<string>>();
            foreach (var file in Directory.GetFiles(Path.Combine(Service, folder), "*.cs", SearchOption.AllDirectories))
            {
                var code = Comment().Replace(File.ReadAllText(file), "");
                foreach (var other in Reference().Matches(code).Select(m => m.Groups[1].Value)
                    .Where(o => o != folder && folders.Contains(o)).Distinct())
                    (uses.TryGetValue(other, out var list) ? list : uses[other] = []).Add(Path.GetFileName(file));
            }
            return (IReadOnlyDictionary<string, IReadOnlyList<string>>)uses.ToDictionary(u => u.Key, u => (IReadOnlyList<string>)u.Value);
        });
    }

    private static void Forbid(string from, params string[] to)
    {
        var found = to.Where(t => Arrows.Value[from].ContainsKey(t))
            .Select(t => $"{from} → {t} ({string.Join(", ", Arrows.Value[from][t])})").ToList();
        Assert.True(found.Count == 0, string.Join("; ", found));
    }

    [Fact]
    public void The_reader_sees_the_folders_it_checks() =>
        Assert.Superset(new HashSet<string> { "Appropriations", "Audit", "Http", "Kernel", "Ledger", "Reporting", "Store" },
            Arrows.Value.Keys.ToHashSet());

    [Fact]
    public void The_kernel_uses_no_folder_of_the_service() => Assert.Empty(Arrows.Value["Kernel"]);

    [Fact]
    public void Telemetry_uses_no_folder_of_the_service() => Assert.Empty(Arrows.Value["Telemetry"]);

    /// <summary>The aggregate (the appropriation stream's events, folds and use cases) reads nothing of the reads above it.</summary>
    [Fact]
    public void The_aggregate_uses_no_read_above_it() =>
        Forbid("Appropriations", "Reporting", "Audit", "Live", "Dashboard", "Health");

    /// <summary>The unit's facts and the procurement contracts are written beside the aggregate, and read above it.</summary>
    [Theory]
    [InlineData("Departments")]
    [InlineData("Procurement")]
    public void The_slices_beside_the_aggregate_use_no_read_above_them(string folder) =>
        Forbid(folder, "Reporting", "Audit", "Live", "Dashboard", "Health", "Hosting");

    /// <summary>The integration relay is a hosted service: no folder of the service depends on it.</summary>
    [Fact]
    public void No_folder_uses_the_integration_events() =>
        Assert.Empty(Arrows.Value.Where(f => f.Key != "Integration" && f.Value.ContainsKey("Integration")).Select(f => f.Key));

    [Fact]
    public void Audit_uses_reporting_never_the_other_way() =>
        Forbid("Reporting", "Audit", "Live", "Dashboard");

    /// <summary>
    /// One file per use case: a file of the aggregate that declares a write (a <c>LedgerWrite</c>, or a <c>LineWrite</c> factory) also
    /// holds the endpoint that posts it, its validation and its pure decision, so a newcomer reads a use case in one place.
    /// </summary>
    [Fact]
    public void Every_write_of_the_aggregate_lives_in_one_file_with_its_endpoint()
    {
        var files = Directory.GetFiles(Path.Combine(Service, "Appropriations"), "*.cs")
            .Select(f => (Name: Path.GetFileName(f), Code: File.ReadAllText(f)))
            // A write is a class deriving from LedgerWrite, or a line write made by the slice's Write factory.
            .Where(f => Regex.IsMatch(f.Code,
                @"class Write\b[^{]*:\s*(LedgerWrite|LineWrite<)|class \w+\([^)]*\)\s*:\s*LedgerWrite\(|static LineWrite<\w+> Write\("))
            .ToList();
        Assert.True(files.Count >= 9, string.Join(", ", files.Select(f => f.Name)));
        Assert.All(files, f => Assert.True(f.Code.Contains("[WolverinePost(", StringComparison.Ordinal), $"{f.Name} has no endpoint"));
        Assert.Empty(Directory.GetFiles(Path.Combine(Service, "Appropriations"), "*Endpoints.cs"));
    }

    /// <summary>
    /// The write side (group commit, unit of work, claims, rebuild) knows streams, documents and keys, not budgets: the
    /// aggregate gives it its projection and its store model at start-up.
    /// </summary>
    [Fact]
    public void The_ledger_uses_no_domain_folder_nor_read_model() =>
        Forbid("Ledger", "Appropriations", "Reporting", "Audit", "Live", "Dashboard");

    /// <summary>
    /// The store (databases, schema, statements, the chain's DDL, failure classification and outage state) knows nothing of
    /// budgets, of the ledger above it, or of start-up.
    /// </summary>
    [Fact]
    public void The_store_uses_no_domain_folder_nor_start_up() =>
        Forbid("Store", "Appropriations", "Ledger", "Reporting", "Audit", "Live", "Dashboard", "Hosting", "Health", "Security");

    [Fact]
    public void The_ledger_and_the_audit_use_neither_start_up_nor_the_probes()
    {
        Forbid("Ledger", "Hosting", "Health");
        Forbid("Audit", "Hosting");
    }

    [Fact]
    public void The_http_edge_uses_only_the_kernel() =>
        Assert.Equal(["Kernel"], Arrows.Value["Http"].Keys.ToList());

    [Theory]
    [InlineData("Appropriations")]
    [InlineData("Reporting")]
    [InlineData("Live")]
    [InlineData("Dashboard")]
    public void The_capabilities_answer_http_through_the_edge_not_through_start_up(string folder) => Forbid(folder, "Hosting");

    /// <summary>Hosting is wiring: only Program.cs (the service's entry, outside every folder) names its types.</summary>
    [Fact]
    public void No_folder_uses_start_up()
    {
        foreach (var folder in Arrows.Value.Keys.Where(f => f != "Hosting")) Forbid(folder, "Hosting");
    }

    [Fact]
    public void Only_hosting_uses_the_live_stream_and_the_dashboard()
    {
        foreach (var folder in Arrows.Value.Keys.Where(f => f is not ("Hosting" or "Live" or "Dashboard")))
            Forbid(folder, "Live", "Dashboard");
    }

    [Fact]
    public void No_endpoint_class_is_used_as_a_library()
    {
        var files = Directory.GetFiles(Service, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")).ToList();
        var endpoints = files.SelectMany(f => EndpointClass().Matches(File.ReadAllText(f)).Select(m => (Class: m.Groups[1].Value, File: f)))
            .ToList();
        Assert.NotEmpty(endpoints);
        var uses = from e in endpoints
                   from f in files
                   where f != e.File && Regex.IsMatch(Comment().Replace(File.ReadAllText(f), ""), $@"\b{e.Class}\.")
                   select $"{Path.GetFileName(f)} uses {e.Class}";
        Assert.Empty(uses);
    }

    [Fact]
    public void Only_the_one_time_migration_names_martens_tables_and_only_the_store_names_its_own()
    {
        var files = Directory.GetFiles(Service, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Select(f => (Path: Path.GetRelativePath(Service, f), Code: Comment().Replace(File.ReadAllText(f), ""))).ToList();
        Assert.Equal(["Store/FormerTablesMigration.cs"],
            files.Where(f => Regex.IsMatch(f.Code, @"\bmt_\w")).Select(f => f.Path).Order().ToList());
        // The event and stream tables are named in the store's statements only; everyone else uses their constants.
        Assert.Equal(["Store/EventStoreSql.cs"],
            files.Where(f => Regex.IsMatch(f.Code, @"(fundledger|""|\})\.(events|streams|event_sequence)\b(?!\.)"))
                .Select(f => f.Path).Order().ToList());
    }

    /// <summary>
    /// A folder named as a namespace: <c>using FundLedger.X</c>, <c>FundLedger.X.</c>, or a qualifier <c>X.</c> before a type.
    /// </summary>
    [GeneratedRegex(@"(?:\bFundLedger\.|(?<![\w.])(?=(?:" +
        @"Appropriations|Audit|Dashboard|Health|Hosting|Http|Kernel|Ledger|Live|Reporting|Security|Store|Telemetry" +
        @")\.[A-Z]))([A-Z]\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"static class (\w+Endpoints?)\b")]
    private static partial Regex EndpointClass();
}
