using System.Text;
using FundLedger.Appropriations;
using FundLedger.Departments;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class FinalAccountsEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/final-accounts", OperationId = "GetFinalAccounts")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The nine standard tables of the 部门决算, from the events: JSON, markdown or one XLSX workbook")]
    [EndpointDescription("收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表, " +
        "一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, " +
        "财政拨款“三公”经费支出决算表, 政府性基金预算财政拨款收入支出决算表 and " +
        "国有资本经营预算财政拨款支出决算表, under the keys the contract names; " +
        "each figure exact in 元 and in 万元. An empty " +
        "table keeps its columns and carries its 空表说明. format=xlsx is one workbook, a sheet per table, numbers as numbers. " +
        "department is required when the year has several; asOf as on every read. The JSON also carries balancesByFund " +
        "(结转和结余 by where the money came from, not one of the nine) and explanation (the figures the 决算说明 states).")]
    [ProducesResponseType<FinalAccounts>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? format, string? asOf, HttpContext http,
        LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        var f = new Fields();
        if (format is not (null or "json" or "markdown" or "xlsx")) f.Add("format", "must be json, markdown or xlsx");
        var bad = LedgerSnapshot.CheckRead(district, year, asOf, out var instant) ?? (f.Ok ? null : f.Refusal());
        if (bad is not null) return bad.ToResult(http);

        await using var session = store.QuerySession(district);
        var (built, refusal) = await FinalAccountsReader.ReadAsync(session, cache, classifications, year, department, instant, ct);
        if (refusal is not null) return refusal.ToResult(http);
        var accounts = built!.Accounts;
        return format switch
        {
            "markdown" => Results.Text(await built.RenderAsync("markdown", FinalAccountsMarkdown.Write), "text/markdown; charset=utf-8",
                Encoding.UTF8),
            "xlsx" => Results.File(await built.RenderAsync("xlsx", FinalAccountsWorkbook.Write), FinalAccountsWorkbook.ContentType,
                $"final-accounts-{district}-{year}-{accounts.Department}.xlsx"),
            _ => Results.Ok(accounts),
        };
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/final-accounts/checks", OperationId = "CheckFinalAccounts")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The 审核 rules run on the ledger's own nine tables (which must always pass)")]
    [EndpointDescription("Each rule with its id, severity (definite 确定, suspect 疑似, hint 提示), whether it held, why, and the " +
        "figures it read: T (within and between the nine tables), B (the balances by fund), S (the tables against the 说明's " +
        "figures), C-01 (continuity with last year), E (empty tables' notes), R (the lines: placeholder reasons, low " +
        "execution that lapsed without a reason). asOf as on every read.")]
    [ProducesResponseType<FinalAccountsCheckReport>(200)]
    public static async Task<IResult> Check(string district, int year, string? department, string? asOf, HttpContext http,
        LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var (built, refusal) = await FinalAccountsReader.ReadAsync(session, cache, classifications, year, department, instant, ct);
        if (refusal is not null) return refusal.ToResult(http);
        var rules = await built!.RenderAsync("checks", a => FinalAccountsChecks.Run(a, built.PreviousYear, built.Lines));
        return Results.Ok(Report(built.Accounts, "ledger", rules, [], instant));
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/final-accounts/checks", OperationId = "CheckPublishedFinalAccounts")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The 审核 rules run on a district's published tables, and every published figure that differs from the ledger")]
    [EndpointDescription("The body is the tables in the shape GET final-accounts answers (any of the nine; a figure's wan is read). " +
        "Answers each rule the published set breaks and each figure that is not the ledger's. Records nothing.")]
    [ProducesResponseType<FinalAccountsCheckReport>(200)]
    public static async Task<IResult> CheckPublished(string district, int year, string? department, FinalAccounts published,
        HttpContext http, LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, null, out _) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var (built, refusal) = await FinalAccountsReader.ReadAsync(session, cache, classifications, year,
            department ?? published.Department,
            null, ct);
        if (refusal is not null) return refusal.ToResult(http);
        var rules = FinalAccountsChecks.Run(published, built!.PreviousYear);
        return Results.Ok(Report(built.Accounts, "published", rules, FinalAccountsChecks.Differences(published, built.Accounts), null));
    }

    private static FinalAccountsCheckReport Report(FinalAccounts accounts, string source, IReadOnlyList<CheckResult> rules,
        IReadOnlyList<FigureDifference> differences, DateTimeOffset? asOf) =>
        new(accounts.Year, accounts.Department, source, differences.Count == 0 && rules.All(r => r.Passed || r.Severity != "definite"),
            rules, differences, asOf);
}

/// <summary>
/// A unit-year's nine tables as the reads build them, with last year's and the lines they came from; <c>Memo</c> keeps a
/// rendering of them for as long as the ledger does not change (a read <c>asOf</c> an instant computes its own).
/// </summary>
public sealed record BuiltAccounts(FinalAccounts Accounts, FinalAccounts? PreviousYear, IReadOnlyCollection<Appropriation> Lines,
    Func<string, Func<object>, Task<object>> Memo)
{
    public async Task<T> RenderAsync<T>(string format, Func<FinalAccounts, T> render) where T : notnull =>
        (T)await Memo(format, () => render(Accounts));
}

public static class FinalAccountsReader
{
    /// <summary>
    /// The tables now come from the line cache's snapshot and are built once per snapshot (any event of the district starts
    /// a new one), so dashboards reading an unchanged ledger share one build: 10,000 lines cost about 100 ms to build.
    /// </summary>
    public static async Task<(BuiltAccounts? Built, Refusal? Refusal)> ReadAsync(StoreSession session, LineCache cache,
        ClassificationCache classifications, int year, string? department, DateTimeOffset? instant, CancellationToken ct)
    {
        LineSnapshot? snapshot = null, before = null;
        List<Appropriation> lines;
        if (instant is null)
        {
            before = await cache.SnapshotAsync(session.TenantId, year - 1, ct);
            snapshot = await cache.SnapshotAsync(session.TenantId, year, ct);
            lines = [.. before.Lines.Values, .. snapshot.Lines.Values];
        }
        else lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        var (chosen, refusal) = ReadOptions.Department(year, department, lines);
        if (refusal is not null) return (null, refusal);
        var unit = lines.Where(l => l.DepartmentCode == chosen).ToList();
        var current = unit.Where(l => l.Year == year).ToList();
        var previous = unit.Where(l => l.Year == year - 1).ToList();
        // The snapshots just read give the heads, so the lists are not looked up again; last year's are read only if it has lines.
        var codes = await classifications.ForAsync(session, year, instant, ct, snapshot?.Head);
        var profiles = await DepartmentProfileRevisions.RevisionsAsync(session, year, chosen!, instant, ct);
        FunctionClassification? lastCodes = null;
        IReadOnlyList<DepartmentProfileRecorded> lastProfiles = [];
        if (previous.Count > 0)
        {
            lastCodes = await classifications.ForAsync(session, year - 1, instant, ct, before?.Head);
            lastProfiles = await DepartmentProfileRevisions.RevisionsAsync(session, year - 1, chosen!, instant, ct);
        }

        BuiltAccounts Compute(Func<string, Func<object>, Task<object>> memo) => new(
            Build(year, chosen!, current, previous, codes, profiles, instant),
            lastCodes is null ? null : Build(year - 1, chosen!, previous, [], lastCodes, lastProfiles, instant), current, memo);
        if (snapshot is null) return (Compute((_, render) => Task.FromResult(render())), null);
        // Keyed on this year's snapshot alone: a snapshot is replaced whenever the district's head moves, and the head counts
        // every event (last year's lines, the profiles, the classification lists), so nothing the build read can change
        // under one snapshot.
        var key = $"final-accounts/{chosen}";
        Task<object> Memo(string format, Func<object> render) => snapshot.ReportAsync($"{key}/{format}", render);
        return (await snapshot.ReportAsync(key, () => Compute(Memo)), null);
    }

    // The 三公 table prints budget and final only: the reasons (which need the year's events) are the 说明's and the 三公 read's.
    // The 说明's own figures ride along (StatedFigures), so the checks hold the tables to the 说明 as a published set is held.
    private static FinalAccounts Build(int year, string department, List<Appropriation> current, List<Appropriation> previous,
        FunctionClassification codes, IReadOnlyList<DepartmentProfileRecorded> profiles, DateTimeOffset? instant)
    {
        var three = ThreePublicExpenses.Build(year, department, current, previous, [.. profiles], [], instant);
        return FinalAccountsTables.Build(year, department, current, codes, three, instant) with
        {
            Explanation = StatedFigures.Of(year, current, previous, three),
        };
    }
}
