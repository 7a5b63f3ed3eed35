using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Infrastructure;

/// <summary>An HTTP answer with its JSON body parsed.</summary>
public sealed record Answer(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response, string Raw)
{
    public string? ContentType => Response.Content.Headers.ContentType?.MediaType;
    public decimal Money(string path) => Node(path)!.GetValue<decimal>();
    public string? Text(string path) => Node(path)?.GetValue<string>();
    public JsonNode? Node(string path) => path.Split('.').Aggregate(Body, (node, part) => node?[part]);
    public bool Replayed => Response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true");

    /// <summary>Field names in the problem's <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorFields => Body?["errors"]?.AsObject().Select(p => p.Key).ToList() ?? [];
}

/// <summary>The client side of the API as a district finance system uses it: JSON over HTTP.</summary>
public sealed class Api(HttpClient client, string district, int year = 2020, string? token = null)
{
    public string District => district;
    public int Year => year;
    public string Base => $"/api/v1/districts/{district}/years/{year}";

    /// <summary>A POST of <paramref name="body"/> (JSON text as it is, anything else serialised), optionally in the
    /// client's own trace (a W3C <c>traceparent</c>), as a finance system with tracing sends it.</summary>
    public Task<Answer> Post(string path, object body, string? idempotencyKey = null, string? traceparent = null) =>
        Send(HttpMethod.Post, path, body is string s ? s : JsonSerializerFor.Write(body), "application/json", idempotencyKey,
            traceparent);

    public async Task<Answer> Send(HttpMethod method, string path, string? body, string contentType = "application/json",
        string? idempotencyKey = null, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith('/') ? path : $"{Base}/{path}");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (traceparent is not null) request.Headers.Add("traceparent", traceparent);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length > 0 && response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json"
            ? JsonNode.Parse(raw)
            : null;
        return new Answer(response.StatusCode, json, response, raw);
    }

    public Task<Answer> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<Answer> Enact(string code, decimal original, string functionClass = "2070899", string kind = "project",
        string department = "D01", string fundSource = "general-budget", string control = "hard", string? projectCode = null,
        string? enactedOn = null, string? idempotencyKey = null, string? economicClass = null) =>
        Post("appropriations", new
        {
            code, name = $"Line {code}", department = new { code = department, name = $"Department {department}" }, projectCode,
            kind, functionClass, economicClass, fundSource, originalAmount = original, control, document = "丰财预〔2020〕1号",
            enactedOn = enactedOn ?? $"{year}-01-01",
        }, idempotencyKey);

    public Task<Answer> Adjust(string code, string adjustmentId, string type, decimal amount, string reason = "追加 住房补贴",
        string? effectiveOn = null, string? idempotencyKey = null) =>
        Post($"appropriations/{code}/adjustments",
            new { adjustmentId, type, amount, reason, effectiveOn = effectiveOn ?? $"{year}-06-30" }, idempotencyKey);

    public Task<Answer> Disburse(string code, string voucherNo, decimal amount, string? paidOn = null, string? idempotencyKey = null,
        string? economicClass = null, string? contractNo = null) =>
        Post($"appropriations/{code}/disbursements",
            new { voucherNo, amount, paidOn = paidOn ?? $"{year}-03-31", costItem = "印刷费", economicClass, contractNo },
            idempotencyKey);

    public Task<Answer> Reverse(string voucherNo, decimal? amount, string reversedOn, string? reversalId = null,
        string? idempotencyKey = null) =>
        Post($"disbursements/{voucherNo}/reversal", new { amount, reason = "退款", reversedOn, reversalId }, idempotencyKey);

    public Task<Answer> Appropriation(string code) => Get($"appropriations/{code}");

    public Task<Answer> CarryForward(string code, decimal amount, string kind = "treasury-returnable", string? targetCode = null,
        string? idempotencyKey = null) =>
        Post("carry-forwards", new { appropriationCode = code, amount, kind, reason = "项目未完工", targetCode }, idempotencyKey);

    public Task<Answer> Close(bool dryRun = false) => Send(HttpMethod.Post, dryRun ? "close?dryRun=true" : "close", null);

    /// <summary>The same district in another fiscal year.</summary>
    public Api InYear(int other) => new(client, district, other, token);

    /// <summary>The same district and year with another token (or none).</summary>
    public Api WithToken(string? other) => new(client, district, year, other);
}

internal static class JsonSerializerFor
{
    public static string Write(object body) => System.Text.Json.JsonSerializer.Serialize(body,
        new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
}
