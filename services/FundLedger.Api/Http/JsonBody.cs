using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using FundLedger.Kernel;

namespace FundLedger.Http;

/// <summary>
/// Reads a write's JSON body, the one way every endpoint binds one (Hosting/JsonBodyBinding puts it in front of each).
/// A body that does not read is answered 400 <c>malformed-json</c> naming the field from the reader's own JSON path, so
/// a client learns which property is wrong, unknown or repeated; nothing is logged as an error, since the mistake is the
/// client's. The body is read with the service's strict options (Hosting/HttpSetup).
/// </summary>
public static class JsonBody
{
    /// <summary>The body, or false once the problem has been written.</summary>
    public static async Task<(T? Body, bool Read)> ReadAsync<T>(HttpContext context) where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Refusal refusal;
        try
        {
            if (await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted) is { } body)
                return (body, true);
            refusal = Malformed("body", "must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            refusal = Malformed(FieldOf(e.Path), Reason(e));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without a declared length that grew past the endpoint's limit while it streamed (Http/BodyChecks).
            refusal = new Refusal(413, "body-too-large", "The request body is too large", $"{e.Message} Nothing was recorded.");
        }
        await refusal.ToResult(context).ExecuteAsync(context);
        return (null, false);
    }

    /// <summary>The reader's path as a client names the field: <c>$.items[3].amount</c> is <c>items[3].amount</c>.</summary>
    public static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static Refusal Malformed(string field, string reason) =>
        new(400, "malformed-json", "The request body is not valid JSON for this endpoint", $"{field}: {reason}. Nothing was recorded.",
            new Dictionary<string, string[]> { [field] = [reason] });

    /// <summary>The reader's explanation without the position it appends (the field already says where).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.');
    }
}
