using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Hosting;

/// <summary>
/// A corpus of hostile or broken requests, by category. Each is answered 4xx problem+json naming the problem, none
/// 5xx, and the district's event count is unchanged after all of them.
/// </summary>
public sealed class HostileInputTests(LedgerApp app) : LedgerTest(app)
{
    private const string Problems = "https://fundledger.org/problems/";

    /// <summary>What only one protection answers: the field named, and where it matters the status and problem type.</summary>
    private sealed record Expect(string? Field = null, int? Status = null, string? Type = null, string? Detail = null)
    {
        public static implicit operator Expect(string field) => new(field);
    }

    /// <summary>The strict JSON reader's refusal (a repeated property, nesting too deep) at that field.</summary>
    private static Expect Malformed(string field) => new(field, 400, "malformed-json");

    /// <summary>The body-size limit's refusal: 64 KiB for a single write, 2 MiB for a batch.</summary>
    private static readonly Expect TooLarge = new(Status: 413, Type: "body-too-large");

    /// <summary>
    /// category, method, path (relative to the year), content type, body (null = none), what the problem should say
    /// (a field it names, or null when any 4xx problem will do).
    /// </summary>
    private static IEnumerable<(string Category, string Method, string Path, string? ContentType, byte[]? Body, Expect? Expect)> Corpus()
    {
        const string pay = "appropriations/P001/disbursements";
        static byte[] J(string json) => Encoding.UTF8.GetBytes(json);
        static string Payment(string voucher = "\"V9\"", string amount = "\"1.00\"", string paidOn = "\"2020-05-01\"", string extra = "") =>
            $$"""{"voucherNo":{{voucher}},"amount":{{amount}},"paidOn":{{paidOn}}{{extra}}}""";
        const string json = "application/json";

        // Malformed JSON
        yield return ("malformed", "POST", pay, json, J("{\"voucherNo\":"), "voucherNo");
        yield return ("malformed", "POST", pay, json, J(Payment() + " trailing"), null);
        yield return ("malformed", "POST", pay, json, J("[]"), "body");
        yield return ("malformed", "POST", pay, json, J("not json at all"), null);
        yield return ("malformed", "POST", pay, json, J("{'voucherNo':'V9'}"), null);
        // Strict JSON
        yield return ("strict", "POST", pay, json, J(Payment(extra: ",\"approvedBy\":\"me\"")), "approvedBy");
        // A repeated property is refused as such, not read as its last value (here a payment beyond the budget).
        yield return ("strict", "POST", pay, json, J(Payment(extra: ",\"amount\":\"999999.00\"")), Malformed("amount"));
        // Deep nesting never gets deep: every value is typed, so the reader stops at the first '[' where memo's string is
        // due (and an unknown property is refused at its name), well before the depth limit of 32.
        yield return ("strict", "POST", pay, json, J(Payment(extra: ",\"memo\":" + new string('[', 40) + new string(']', 40))),
            Malformed("memo") with { Detail = "could not be converted to System.String" });
        yield return ("strict", "POST", "appropriations", json, J("{\"code\":\"P9\",\"code\":\"P10\"}"), Malformed("code"));
        // Wrong types
        yield return ("types", "POST", pay, json, J(Payment(voucher: "42")), "voucherNo");
        yield return ("types", "POST", pay, json, J(Payment(paidOn: "20200501")), "paidOn");
        yield return ("types", "POST", pay, json, J(Payment(amount: "true")), "amount");
        yield return ("types", "POST", "disbursements:batch", json, J("{\"items\":{\"a\":1}}"), "items");
        // Money
        yield return ("money", "POST", pay, json, J(Payment(amount: "1e3")), "amount");
        yield return ("money", "POST", pay, json, J(Payment(amount: "\"1.001\"")), "amount");
        yield return ("money", "POST", pay, json, J(Payment(amount: "\"NaN\"")), "amount");
        yield return ("money", "POST", pay, json, J(Payment(amount: "-3")), "amount");
        yield return ("money", "POST", pay, json, J(Payment(amount: "\"1234567890123456\"")), "amount");
        // Overlong strings
        yield return ("overlong", "POST", pay, json, J(Payment(voucher: $"\"{new string('V', 65)}\"")), "voucherNo");
        yield return ("overlong", "POST", pay, json, J(Payment(extra: $",\"memo\":\"{new string('备', 501)}\"")), "memo");
        yield return ("overlong", "POST", "appropriations/P001/adjustments", json, J($$"""
            {"adjustmentId":"A1","type":"supplement","amount":"1","reason":"{{new string('x', 501)}}","effectiveOn":"2020-05-01"}
            """), "reason");
        yield return ("overlong", "POST", "appropriations", json, J($$"""
            {"code":"P9","name":"{{new string('名', 201)}}","department":{"code":"D1","name":"d"},"kind":"basic",
            "functionClass":"2070899","fundSource":"general-budget","originalAmount":"1","enactedOn":"2020-01-01"}
            """), "name");
        // Control characters and invalid UTF-8
        yield return ("control", "POST", pay, json, J(Payment(extra: ",\"memo\":\"a\\u0000b\"")), "memo");
        yield return ("control", "POST", pay, json, J(Payment(extra: ",\"payee\":\"\\u001b[31mred\"")), "payee");
        yield return ("control", "POST", pay, json,
            [.. J("{\"voucherNo\":\"V"), 0xC3, 0x28, .. J("\",\"amount\":\"1\",\"paidOn\":\"2020-05-01\"}")], null);
        yield return ("control", "POST", pay, json, J(Payment(voucher: "\"\\ud800\"")), null);
        // Content type
        yield return ("content-type", "POST", pay, "text/plain", J(Payment()), null);
        yield return ("content-type", "POST", pay, "application/xml", J("<voucher/>"), null);
        yield return ("content-type", "POST", pay, "application/x-www-form-urlencoded", J("voucherNo=V9&amount=1"), null);
        yield return ("content-type", "POST", pay, null, J(Payment()), null);
        // Codes with separators or whitespace
        yield return ("codes", "POST", pay, json, J(Payment(voucher: "\"V/9\"")), "voucherNo");
        yield return ("codes", "POST", pay, json, J(Payment(voucher: "\"V 9\"")), "voucherNo");
        yield return ("codes", "POST", pay, json, J(Payment(voucher: "\"V\\t9\"")), "voucherNo");
        yield return ("codes", "POST", "appropriations/P%2F001/disbursements", json, J(Payment()), "appropriationCode");
        yield return ("codes", "POST", "appropriations/..%2FP001/disbursements", json, J(Payment()), "appropriationCode");
        yield return ("codes", "POST", "appropriations/P%20001/disbursements", json, J(Payment()), "appropriationCode");
        // Huge
        yield return ("huge", "POST", "disbursements:batch", json,
            J("{\"items\":[" + string.Join(",", Enumerable.Range(0, 1001).Select(i =>
                $$"""{"appropriationCode":"P001","voucherNo":"H{{i}}","amount":"1","paidOn":"2020-05-01"}""")) + "]}"), "items");
        yield return ("huge", "POST", pay, json, J(Payment(extra: $",\"memo\":\"{new string('m', 70_000)}\"")), TooLarge);
        yield return ("huge", "POST", "disbursements:batch", json, J("{\"items\":[" + new string(' ', 2_100_000) + "]}"), TooLarge);
        // Path and query
        yield return ("path", "GET", "/api/v1/districts/{district}/years/abc/appropriations", null, null, null);
        yield return ("path", "GET", "/api/v1/districts/{district}/years/1999/appropriations", null, null, "year");
        yield return ("path", "GET", "execution?by=colour", null, null, "by");
        yield return ("path", "GET", "variance?level=province", null, null, "level");
        yield return ("path", "POST", "close?dryRun=maybe", null, null, "dryRun");
        // Performance goals and evaluations (P001 has goals: Q1 weight 90, positive)
        const string goals = "appropriations/P001/performance/goals", evaluate = "appropriations/P001/performance/evaluations";
        static string Goals(string indicator, string weight = "90") => $$"""
            {"revision":2,"overallGoal":"g","indicators":[{"code":"Q1","category":"quantity","name":"n","target":"5期",
            "direction":"positive","targetValue":5,"weight":{{weight}}{{indicator}}}],"setOn":"2020-01-01","reason":"r"}
            """;
        static string Evaluation(string score = "90", string extra = "") => $$"""
            {"revision":1,"type":"self","evaluator":"e","evaluatedOn":"2021-04-30","completion":"c","executionScore":10,
            "results":[{"indicator":"Q1","actual":"5期","actualValue":5,"score":{{score}}{{extra}}}]}
            """;
        yield return ("performance", "POST", goals, json, J(Goals("", "\"90\"")), "indicators[0].weight");
        yield return ("performance", "POST", goals, json, J(Goals("", "50")), "indicators");
        yield return ("performance", "POST", goals, json, J(Goals("").Replace("\"target\":\"5期\",", "")), "indicators[0].target");
        yield return ("performance", "POST", goals, json,
            J(Goals("").Replace("\"name\":\"n\"", $"\"name\":\"{new string('指', 501)}\"")), "indicators[0].name");
        yield return ("performance", "POST", goals, json,
            J(Goals("").Replace("\"overallGoal\":\"g\"", $"\"overallGoal\":\"{new string('目', 2001)}\"")), "overallGoal");
        yield return ("performance", "POST", evaluate, json, J(Evaluation(score: "90.5")), "results[0].score");
        yield return ("performance", "POST", evaluate, json, J(Evaluation(score: "\"90\"")), "results[0].score");
        yield return ("performance", "POST", evaluate, json,
            J(Evaluation(extra: $",\"deviation\":\"{new string('因', 1001)}\"")), "results[0].deviation");
        yield return ("performance", "POST", evaluate, json, J(Evaluation().Replace("\"type\":\"self\"", "\"type\":\"peer\"")), "type");
        // Dates
        yield return ("dates", "POST", pay, json, J(Payment(paidOn: "\"2020-02-30\"")), "paidOn");
        yield return ("dates", "POST", pay, json, J(Payment(paidOn: "\"2020/05/01\"")), "paidOn");
    }

    [Fact]
    public async Task Every_hostile_request_is_a_4xx_problem_and_nothing_is_recorded()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        Assert.Equal(HttpStatusCode.Created, (await api.Send(HttpMethod.Post, $"{api.Base}/appropriations/P001/performance/goals",
            """
            {"revision":1,"overallGoal":"g","indicators":[{"code":"Q1","category":"quantity","name":"n","target":"5期",
            "direction":"positive","targetValue":5,"weight":90}],"setOn":"2020-01-01","reason":"r"}
            """)).Status);
        var events = await App.CountAllEventsAsync(api.District);
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 40, $"{corpus.Count} requests");

        foreach (var (category, method, path, contentType, body, expect) in corpus)
        {
            var url = path.StartsWith('/') ? path.Replace("{district}", api.District) : $"{api.Base}/{path}";
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", App.Token(api.District));
            // As a well-behaved client uploading a large body would: the 413 then arrives before the body is sent.
            request.Headers.ExpectContinue = true;
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            using var response = await App.Client.SendAsync(request);
            var raw = await response.Content.ReadAsStringAsync();
            var label = $"[{category}] {method} {path[..Math.Min(path.Length, 60)]} → " +
                $"{(int)response.StatusCode} {raw[..Math.Min(raw.Length, 300)]}";

            Assert.True((int)response.StatusCode is >= 400 and < 500, label);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", label);
            var problem = System.Text.Json.Nodes.JsonNode.Parse(raw)!;
            Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), label);
            if (expect?.Status is { } status) Assert.True((int)response.StatusCode == status, label);
            if (expect?.Type is { } type) Assert.True(problem["type"]?.GetValue<string>() == Problems + type, label);
            if (expect?.Field is { } field)
                Assert.True(problem["errors"]?.AsObject().Any(e => e.Key == field) == true, label);
            if (expect?.Detail is { } detail) Assert.True(raw.Contains(detail), label);
        }
        Assert.Equal(events, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task Sql_and_script_looking_text_is_stored_verbatim_and_escaped_on_the_way_out()
    {
        var api = NewDistrict();
        const string name = "x'); DROP TABLE fundledger.mt_events; -- <script>alert('预算')</script>";
        var enacted = await api.Post("appropriations", new
        {
            code = "P001", name, department = new { code = "D1", name = "\" OR 1=1 --" }, kind = "basic",
            functionClass = "2070899", fundSource = "general-budget", originalAmount = 1m, enactedOn = "2020-01-01",
        });

        Assert.Equal(HttpStatusCode.Created, enacted.Status);
        var read = await api.Appropriation("P001");
        Assert.Equal(name, read.Text("name"));
        Assert.Equal("\" OR 1=1 --", read.Text("department.name"));
        Assert.DoesNotContain("<script>", read.Raw);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }
}
