using System.Security.Claims;

namespace FundLedger.Kernel;

/// <summary>
/// Who is recording: the token subject and the posting client system. Until bearer authentication is
/// switched on (its own issue) an unauthenticated caller is recorded as such, never as a guessed name.
/// </summary>
public sealed record Actor(string Subject, string ClientId)
{
    public static readonly Actor Unauthenticated = new("anonymous", "unauthenticated");

    public static Actor From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Unauthenticated;
        var subject = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var client = user.FindFirstValue("client_id") ?? user.FindFirstValue("azp") ?? "unknown";
        return new Actor(subject, client);
    }
}
