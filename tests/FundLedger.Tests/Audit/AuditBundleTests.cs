using System.Net;
using System.Text.Json;
using FundLedger.Audit;
using FundLedger.BundleVerifier;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Audit;

/// <summary>The auditor bundle, checked offline by contracts/FundLedger.BundleVerifier, and caught when tampered with.</summary>
public sealed class AuditBundleTests(LedgerApp app) : LedgerTest(app)
{
    public static async Task<AuditBundle> Bundle(Api api, int year = 2020)
    {
        var answer = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/bundle?year={year}", null);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return JsonSerializer.Deserialize<AuditBundle>(answer.Raw, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task<Api> Year()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Adjust("A", "S1", "supplement", 200m);
        await api.Disburse("A", "V1", 300m);
        await api.Reverse("V1", 50m, "2020-06-01");
        await api.CarryForward("A", 100m);
        await api.Enact("B", 80m, control: "advisory");
        await api.Disburse("B", "V2", 90m);
        await api.Close();
        return api;
    }

    [Fact]
    public async Task A_bundle_holds_together_offline()
    {
        var bundle = await Bundle(await Year());

        Assert.Empty(Verifier.Verify(bundle));
        Assert.Equal(10, bundle.Events.Count);    // 2 enacted, 1 supplement, 2 paid, 1 reversed, 1 carried, 2 lapsed, 1 year closed
        Assert.Equal(2, bundle.Appropriations.Count);
        Assert.Equal(64, bundle.ChainHead!.Length);
    }

    [Fact]
    public async Task An_edited_event_or_figure_in_the_bundle_is_found()
    {
        var bundle = await Bundle(await Year());
        var paid = bundle.Events.Single(e => e.Type == "disbursement_recorded" && e.DataText.Contains("\"V1\""));

        var editedEvent = bundle with
        {
            Events = bundle.Events.Select(e => e == paid ? e with { DataText = e.DataText.Replace("300.00", "30.00") } : e).ToList(),
        };
        var rehashedFake = editedEvent with
        {
            Events = editedEvent.Events.Select(e => e.Sequence == paid.Sequence
                ? e with
                {
                    Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                        [.. Convert.FromHexString(e.Previous!), .. System.Text.Encoding.UTF8.GetBytes(Verifier.Canonical(e))])),
                }
                : e).ToList(),
        };
        var editedFigure = bundle with
        {
            Appropriations = bundle.Appropriations.Select(a => a.Stream == "2020/A" ? a with { Executed = a.Executed + 1m } : a).ToList(),
        };

        Assert.Contains(Verifier.Verify(editedEvent), f => f.Where == $"event {paid.Sequence}" && f.Problem.Contains("does not hash"));
        Assert.Contains(Verifier.Verify(rehashedFake), f => f.Problem.Contains("does not follow the event before it"));
        Assert.Contains(Verifier.Verify(editedFigure), f => f.Where == "2020/A" && f.Problem.StartsWith("executed"));
    }
}
