using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Procurement;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>
/// The year's 政府采购 and its contracts: now from the contracts' documents, or at an instant from their signings and the
/// year's payments naming them, folded with the contract's own fold.
/// </summary>
[Tags("Procurement")]
public static class ProcurementReadEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/procurement", OperationId = "GetProcurement")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The year's 政府采购 by category (货物/工程/服务) and the amounts and shares awarded to " +
        "中小企业 and 小微企业")]
    [EndpointDescription("basis=payments (the default: paid in the year under contracts, net of reversals, as the 决算说明 of " +
        "Beijing's districts publish it) or contracts (the amounts of the contracts signed in the year); the answer names its basis. " +
        "department narrows it to one unit; asOf as on every read.")]
    [ProducesResponseType<ProcurementReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? basis, string? asOf, HttpContext http,
        LedgerStore store, CancellationToken ct)
    {
        var f = new Fields();
        var chosen = f.Choice("basis", basis, Wire.Names<ProcurementBasis>(), ProcurementBasis.Payments);
        if (department is not null) f.Code("department", department);
        var bad = LedgerSnapshot.CheckRead(district, year, asOf, out var instant) ?? (f.Ok ? null : f.Refusal());
        if (bad is not null) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var contracts = await ProcurementContractsReader.ContractsAsync(session, year, instant, ct);
        return Results.Ok(ProcurementReportBuilder.Build(year, department, chosen, contracts, instant));
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/procurement-contracts/{contractNo}", OperationId = "GetProcurementContract")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("A procurement contract and what has been paid under it")]
    [EndpointDescription("Paid is net of reversals; remaining is the amount less it. With asOf, as recorded then. 404 when there is none.")]
    [ProducesResponseType<ProcurementContractFigures>(200)]
    public static async Task<IResult> GetContract(string district, int year, string contractNo, string? asOf, HttpContext http,
        LedgerStore store, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var id = ProcurementContract.KeyFor(year, contractNo);
        var contract = instant is null ? await session.LoadAsync<ProcurementContract>(id, ct)
            : (await ProcurementContractsReader.ContractsAsync(session, year, instant, ct)).SingleOrDefault(c => c.Id == id);
        return contract is null
            ? Refusal.NotFound("contract", $"There is no procurement contract {contractNo} of {year} in this district.").ToResult(http)
            : Results.Ok(ProcurementFigures.Of(contract));
    }
}

/// <summary>The year's contracts, now (their documents) or as recorded at an instant (their events folded).</summary>
public static class ProcurementContractsReader
{
    public static async Task<IReadOnlyCollection<ProcurementContract>> ContractsAsync(StoreSession session, int year,
        DateTimeOffset? asOf, CancellationToken ct)
    {
        if (asOf is null) return await session.WhereAsync<ProcurementContract>("year", year, ct);
        var signings = await session.StreamEventsAsync(ProcurementContract.YearPrefix(year), asOf.Value, ct);
        var payments = await LedgerSnapshot.EventsAsync(session, year, asOf, ct);
        return ProcurementReportBuilder.Replay(
            [.. signings.Select(e => (e.Sequence, e.Data)), .. payments.Select(e => (e.Sequence, e.Data))], year);
    }
}
