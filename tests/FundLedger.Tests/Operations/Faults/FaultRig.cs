using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FundLedger.Security;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// How big a fault run is: the README's test command runs the small size; <c>deploy/local/faults.sh</c> sets
/// FUNDLEDGER_FAULT_SCALE=large for more clients and longer load around each fault.
/// </summary>
public sealed record FaultScale(int Clients, int AckedBefore, TimeSpan LoadBefore, TimeSpan LoadAfter, TimeSpan BrokerOutage)
{
    public static FaultScale Current => Environment.GetEnvironmentVariable("FUNDLEDGER_FAULT_SCALE") == "large"
        ? new FaultScale(32, 500, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))
        : new FaultScale(8, 60, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(3));
}

/// <summary>One line of the fault table: what was sent, what the clients were told, and what the ledger holds.</summary>
public sealed record FaultRow(string Fault, int Replicas, long Requests, int Writes, int Acked, int Lost, int Duplicated, int Unknown,
    int UnknownRecordedBeforeRetry, int UnknownResolvedRecorded, int Refused, int NotRecorded, long Answered503, long Answered500,
    double FaultSeconds, double RecoverySeconds)
{
    /// <summary>Appended as a JSON line to FUNDLEDGER_FAULT_REPORT when set (deploy/local/faults.sh prints the table from it).</summary>
    public void Report()
    {
        if (Environment.GetEnvironmentVariable("FUNDLEDGER_FAULT_REPORT") is { Length: > 0 } path)
            File.AppendAllText(path, JsonSerializer.Serialize(this) + "\n");
    }
}

/// <summary>A service (one or more replicas) on a fresh database of the fault cluster, with a district and a token.</summary>
public sealed class FaultRig : IAsyncDisposable
{
    private static readonly AuthSettings Auth =
        new("fundledger-faults", "fundledger", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), null);

    private FaultRig(FaultCluster cluster, string database, IReadOnlyList<ServiceProcess> replicas)
    {
        (Cluster, Database, Replicas) = (cluster, database, replicas);
        Checker = new LedgerChecker(replicas.Select(r => r.Url).ToList(), District, Token);
    }

    public const string District = "110106";
    public static string Token => TokenCommand.Mint(Auth, "fault-clerk", "fault-system", [District], Scopes.All, TimeSpan.FromHours(2));

    public FaultCluster Cluster { get; }
    public string Database { get; }
    public IReadOnlyList<ServiceProcess> Replicas { get; }
    public LedgerChecker Checker { get; }

    public static Dictionary<string, string> Environment(FaultCluster cluster, string database) => new()
    {
        ["ConnectionStrings__FundLedger"] = cluster.ConnectionString(database),
        ["Auth__Issuer"] = Auth.Issuer,
        ["Auth__Audience"] = Auth.Audience,
        ["Auth__SigningKey"] = Auth.SigningKey!,
        ["OTEL_SDK_DISABLED"] = "true",
    };

    /// <summary>
    /// Starts the replicas on a new database and waits until each is ready; <paramref name="ready"/> false to skip the wait.
    /// </summary>
    public static async Task<FaultRig> StartAsync(FaultCluster cluster, int replicas, bool ready = true,
        IReadOnlyDictionary<string, string>? settings = null, string? database = null)
    {
        database ??= await cluster.CreateDatabaseAsync();
        var environment = Environment(cluster, database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var processes = Enumerable.Range(0, replicas).Select(_ => new ServiceProcess(environment)).ToList();
        try
        {
            if (ready) await Task.WhenAll(processes.Select(p => p.HealthAsync("ready", HttpStatusCode.OK)));
        }
        catch
        {
            foreach (var process in processes) await process.DisposeAsync();
            throw;
        }
        return new FaultRig(cluster, database, processes);
    }

    /// <summary>
    /// Load before the fault (until enough writes are acknowledged, and for the scale's time), the fault, then load until
    /// the service takes writes again and for the scale's time; then the checker's two checks around the retries.
    /// </summary>
    public async Task<FaultRow> RunAsync(string fault, Func<Task> inject)
    {
        var scale = FaultScale.Current;
        await Checker.SetUpAsync();
        using var stop = new CancellationTokenSource();
        var load = Checker.LoadAsync(scale.Clients, "W", stop.Token);
        await AckedAfterAsync(DateTime.MinValue, scale.AckedBefore, load);
        await Task.Delay(scale.LoadBefore);

        var at = DateTime.UtcNow;
        await inject();
        var faultSeconds = (DateTime.UtcNow - at).TotalSeconds;
        foreach (var replica in Replicas.Where(r => r.Running)) await replica.HealthAsync("ready", HttpStatusCode.OK);
        await AckedAfterAsync(DateTime.UtcNow, scale.AckedBefore, load);
        await Task.Delay(scale.LoadAfter);
        await stop.CancelAsync();
        await load;

        var before = await Checker.CheckBeforeRetryAsync();
        var unknown = Checker.Ops.Where(o => o.First is Outcome.Unknown or Outcome.ServerError).ToList();
        await Checker.ResolveAsync(TimeSpan.FromSeconds(90));
        await Checker.CheckAfterRetryAsync();
        var row = new FaultRow(fault, Replicas.Count, Checker.Sent, before.Writes, before.Acked, before.Lost, before.Duplicated,
            before.Unknown, before.UnknownRecordedBeforeRetry, unknown.Count(o => o.Final == Outcome.Acked), before.Refused,
            before.NotRecorded, Checker.Answered503, Checker.Answered500, Math.Round(faultSeconds, 2),
            Math.Round(Checker.RecoveredAfter(at).TotalSeconds, 2));
        row.Report();
        Assert.Equal(0, row.Lost);
        Assert.Equal(0, row.Duplicated);
        return row;
    }

    /// <summary>
    /// Waits (a condition of the load, with a deadline) until <paramref name="count"/> writes answered after
    /// <paramref name="since"/> were acknowledged.
    /// </summary>
    private async Task AckedAfterAsync(DateTime since, int count, Task load)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (Checker.Ops.Count(o => o.First == Outcome.Acked && o.AnsweredAt > since) < count)
        {
            if (load.IsFaulted) await load;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {count} writes acknowledged in 120 s");
            await Task.Delay(10);
        }
    }

    /// <summary>A request of the district with the rig's token, as a client sends it.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string url, HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, $"{url}/api/v1/districts/{District}/years/2020/{path}");
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return http.SendAsync(request);
    }

    /// <summary>A 503 as an outage is answered: problem+json database-unavailable, Retry-After 1 s, nosniff. Returns its detail.</summary>
    public static async Task<string> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://fundledger.org/problems/database-unavailable", (string?)problem["type"]);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        return (string)problem["detail"]!;
    }

    /// <summary>Lines of the replicas' logs that are stack-trace frames: an outage must not print one per request.</summary>
    public IEnumerable<string> StackFrames =>
        Replicas.SelectMany(r => r.Log).Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas) await replica.DisposeAsync();
    }
}
