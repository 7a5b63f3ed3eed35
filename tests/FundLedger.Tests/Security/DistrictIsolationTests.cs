using System.Net;
using FundLedger.Security;
using FundLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FundLedger.Tests.Security;

/// <summary>
/// Every endpoint of the route table under a district path, called with a token for another district, is refused
/// with 403 and no data, whether or not the resource exists. A new endpoint is in this list without anyone adding it.
/// </summary>
public sealed class DistrictIsolationTests(LedgerApp app) : LedgerTest(app)
{
    private IReadOnlyList<(string Method, string Pattern, RequiresScopeAttribute? Scope)> DistrictEndpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/districts/{district}"))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<RequiresScopeAttribute>())))
            .ToList();

    [Fact]
    public async Task No_endpoint_answers_another_districts_token_with_data()
    {
        var owner = NewDistrict();
        await owner.Enact("P001", 1_000m);
        await owner.Disburse("P001", "V1", 100m);
        var events = await App.CountAllEventsAsync(owner.District);
        var stranger = App.NewDistrict();
        var strangerToken = App.Token(stranger);
        var endpoints = DistrictEndpoints();

        Assert.True(endpoints.Count >= 13, $"only {endpoints.Count} district endpoints found");
        foreach (var (method, pattern, scope) in endpoints)
        {
            Assert.True(scope is not null, $"{method} {pattern} declares no scope");
            var answers = new List<Answer>();
            foreach (var code in new[] { "P001", "NOPE" })
            {
                var path = pattern.Replace("{district}", owner.District).Replace("{year}", "2020").Replace("{code}", code)
                    .Replace("{voucherNo}", code == "P001" ? "V1" : "NOPE");
                var answer = await owner.WithToken(strangerToken).Send(new HttpMethod(method), path, method == "GET" ? null : "{}");

                Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{method} {path}: {answer.Status} {answer.Raw}");
                Assert.Equal("https://fundledger.org/problems/district-not-granted", answer.Text("type"));
                Assert.DoesNotContain("\"executed\"", answer.Raw);
                answers.Add(answer);
            }
            // An existing and a missing resource get the same refusal: the answer says nothing about what exists.
            Assert.Equal(answers[0].Text("detail"), answers[1].Text("detail"));
            Assert.Equal(answers[0].Text("title"), answers[1].Text("title"));
        }
        Assert.Equal(events, await App.CountAllEventsAsync(owner.District));
    }

    [Fact]
    public async Task Each_endpoint_refuses_its_own_district_without_its_scope()
    {
        var api = NewDistrict();
        foreach (var (method, pattern, scope) in DistrictEndpoints())
        {
            var others = Scopes.All.Where(s => s != scope!.Scope).ToList();
            var path = pattern.Replace("{district}", api.District).Replace("{year}", "2020").Replace("{code}", "P001")
                .Replace("{voucherNo}", "V1");
            var answer = await api.WithToken(App.Token(api.District, others))
                .Send(new HttpMethod(method), path, method == "GET" ? null : "{}");
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{method} {path}: {answer.Status}");
            Assert.Equal("https://fundledger.org/problems/insufficient-scope", answer.Text("type"));
        }
    }
}
