using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>The economic classification a year's appropriations and payments are coded against.</summary>
[Tags("Appropriations")]
public static class EconomicClassificationReadEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/classifications/economic", OperationId = "GetEconomicClassification")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The 部门预算支出经济分类 in force in the year: every 类 and 款 code and its name")]
    [EndpointDescription("The national revision the service ships that is in force in the year (effectiveFrom, source). An " +
        "appropriation's or a payment's economicClass must be one of its codes; 404 for a year before the first revision.")]
    [ProducesResponseType<EconomicClassificationList>(200)]
    public static IResult Get(string district, int year, HttpContext http)
    {
        if (LedgerSnapshot.CheckRead(district, year, null, out _) is { } bad) return bad.ToResult(http);
        if (EconomicClassification.For(year) is not { } list)
            return Refusal.NotFound("economic-classification",
                $"No 部门预算支出经济分类 the service knows is in force in {year}.").ToResult(http);
        return Results.Ok(new EconomicClassificationList(year, list.EffectiveFrom, list.Source, list.Entries.ToList()));
    }
}
