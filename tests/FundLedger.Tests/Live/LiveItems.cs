using System.Text.Json.Nodes;

namespace FundLedger.Tests.Live;

public sealed record LiveItem(string Id, string Event, JsonNode Data);

/// <summary>Reading a live stream (server-sent events) as a dashboard does, item by item.</summary>
public static class LiveItems
{
    /// <summary>
    /// Reads items until <paramref name="count"/> of type <paramref name="type"/> arrived (a live stream does not end by itself).
    /// </summary>
    public static async Task<List<LiveItem>> ReadAsync(StreamReader reader, string type, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var items = new List<LiveItem>();
        while (items.Count(i => i.Event == type) < count)
            items.Add(await NextAsync(reader, timeout.Token) ?? throw new InvalidOperationException("the stream ended"));
        return items;
    }

    /// <summary>Every item until the service ends the stream.</summary>
    public static async Task<List<LiveItem>> RestAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var items = new List<LiveItem>();
        while (await NextAsync(reader, timeout.Token) is { } item) items.Add(item);
        return items;
    }

    private static async Task<LiveItem?> NextAsync(StreamReader reader, CancellationToken ct)
    {
        string id = "", name = "", data = "";
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
            else if (line.Length == 0 && data.Length > 0) return new LiveItem(id, name, JsonNode.Parse(data)!);
        }
        return null;
    }
}
