namespace FundLedger.Kernel;

/// <summary>
/// Why a request was refused, in domain terms. Decisions return it; the HTTP edge turns it into an
/// RFC 9457 problem. A refused request records nothing.
/// </summary>
public sealed record Refusal(int Status, string Type, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "validation", "The request is not valid",
            string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), errors);

    public static Refusal Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal NotFound(string what, string detail) => new(404, $"{what}-not-found", $"No such {what}", detail);

    public static Refusal Conflict(string type, string title, string detail) => new(409, type, title, detail);
}
