using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>What a client learnt from one attempt of a write.</summary>
public enum Outcome
{
    /// <summary>201: recorded (new or replayed).</summary>
    Acked,
    /// <summary>A 4xx refusal (budget exceeded): must not be in the ledger.</summary>
    Refused,
    /// <summary>
    /// 503 saying the write was not recorded, or a connection refused before anything was sent: must not be in the ledger.
    /// </summary>
    NotRecorded,
    /// <summary>503 outcome unknown, a connection lost mid-request, a timeout: in the ledger at most once.</summary>
    Unknown,
    /// <summary>500: never acceptable.</summary>
    ServerError,
}

/// <summary>One logical write (a voucher) and what each attempt of it was answered.</summary>
public sealed class Op(string voucher, string line, decimal amount)
{
    public string Voucher => voucher;
    public string Line => line;
    public decimal Amount => amount;
    public Outcome First { get; set; }
    public Outcome Final { get; set; }
    public int Attempts { get; set; }
    public DateTime AnsweredAt { get; set; }
}

/// <summary>
/// A Jepsen-style client and checker of the disbursement path. Clients post disbursements with unique vouchers to the
/// service's replicas and log every attempt and its answer; after the fault, every write whose outcome the client could
/// not know is sent again with the same voucher until it gets a definite answer (as a finance system's retry does), and
/// the ledger's own history (the audit feed, read over HTTP as an auditor reads it) is checked against the log:
/// every 201 present exactly once, every refusal and every "not recorded" absent, every unknown outcome present at most
/// once before its retry and exactly once after a 201; each line's figures equal the sum of its events; the budget of the
/// contended line never overspent; <c>/audit/verify</c> ok; no 500.
/// </summary>
public sealed class LedgerChecker
{
    /// <summary>A line every client writes to and whose budget runs out: refusals decided by the ledger under contention.</summary>
    public const string Contended = "R";
    public const decimal ContendedBudget = 40.00m;
    private static readonly string[] Lines = ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8"];

    private readonly IReadOnlyList<string> _replicas;
    private readonly string _district;
    private readonly string _token;
    private readonly HttpClient _http =
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentBag<Op> _ops = [];
    private readonly ConcurrentDictionary<int, bool> _down = new();
    private long _answered503;
    private long _answered500;
    private long _sent;

    public LedgerChecker(IReadOnlyList<string> replicas, string district, string token)
    {
        (_replicas, _district, _token) = (replicas, district, token);
    }

    public IReadOnlyCollection<Op> Ops => _ops;
    public long Sent => Interlocked.Read(ref _sent);
    public long Answered503 => Interlocked.Read(ref _answered503);
    public long Answered500 => Interlocked.Read(ref _answered500);

    /// <summary>Marks a replica as gone (killed): its clients move to the others, as a load balancer would move them.</summary>
    public void Down(int replica) => _down[replica] = true;

    public async Task SetUpAsync()
    {
        foreach (var line in Lines) await MustAsync(HttpMethod.Post, "appropriations", Enact(line, 1_000_000_000m));
        await MustAsync(HttpMethod.Post, "appropriations", Enact(Contended, ContendedBudget));
    }

    /// <summary>Clients posting until <paramref name="stop"/>; each alternates between its replica's lines and the contended one.</summary>
    public Task LoadAsync(int clients, string tag, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var op = new Op($"{tag}-{client}-{i}",
                i % 10 == 9 ? Contended : Lines[(client + i) % Lines.Length], i % 10 == 9 ? 1.00m : 10.00m + client);
            _ops.Add(op);
            op.First = op.Final = await SendAsync(op, client + i);
            op.AnsweredAt = DateTime.UtcNow;
            // A client whose replica is down learns it at once (connection refused) and does not spin on it.
            if (op.First == Outcome.NotRecorded) await Task.Delay(20, CancellationToken.None);
        }
    })));

    /// <summary>Sends every write without a definite answer again, with its voucher, until it has one.</summary>
    public async Task ResolveAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        foreach (var op in _ops.Where(o => o.Final is Outcome.Unknown or Outcome.NotRecorded or Outcome.ServerError))
        {
            for (var attempt = 0; op.Final is not (Outcome.Acked or Outcome.Refused); attempt++)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{op.Voucher} got no definite answer: last {op.Final}");
                if (attempt > 0) await Task.Delay(100);
                op.Final = await SendAsync(op, attempt);
            }
        }
    }

    private async Task<Outcome> SendAsync(Op op, int spread)
    {
        var replica = Replica(spread);
        Interlocked.Increment(ref _sent);
        op.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_replicas[replica]}{Base}/appropriations/{op.Line}/disbursements")
        {
            Content = new StringContent(
                $$"""{"voucherNo":"{{op.Voucher}}","amount":"{{op.Amount:0.00}}","paidOn":"2020-05-20","costItem":"印刷费"}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            switch ((int)response.StatusCode)
            {
                case 201: return Outcome.Acked;
                case >= 400 and < 500: return Outcome.Refused;
                case 503:
                    Interlocked.Increment(ref _answered503);
                    Assert.True(response.Headers.RetryAfter is not null, $"503 without Retry-After: {body}");
                    return body.Contains("was not recorded") ? Outcome.NotRecorded : Outcome.Unknown;
                default:
                    Interlocked.Increment(ref _answered500);
                    return Outcome.ServerError;
            }
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Outcome.NotRecorded;   // nothing was sent
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return Outcome.Unknown;       // sent, and the answer lost
        }
    }

    private int Replica(int spread)
    {
        for (var i = 0; i < _replicas.Count; i++)
        {
            var replica = (spread + i) % _replicas.Count;
            if (!_down.ContainsKey(replica)) return replica;
        }
        return spread % _replicas.Count;
    }

    private string Base => $"/api/v1/districts/{_district}/years/2020";

    /// <summary>How many times each voucher is recorded, and each line's recorded sum, from the audit feed.</summary>
    public async Task<(Dictionary<string, int> Times, Dictionary<string, decimal> Sums, long Events, long Unchained)> HistoryAsync()
    {
        var times = new Dictionary<string, int>();
        var sums = new Dictionary<string, decimal>();
        long events = 0, unchained = 0;
        for (long from = 1; ;)
        {
            var page = (await MustAsync(HttpMethod.Get,
                    $"/api/v1/districts/{_district}/audit/events?fromSequence={from}&limit=10000", null))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            if (page.Count == 0) return (times, sums, events, unchained);
            foreach (var e in page)
            {
                events++;
                if (e["hash"] is null) unchained++;
                if ((string?)e["type"] != "disbursement_recorded") continue;
                var voucher = (string)e["data"]!["voucherNo"]!;
                times[voucher] = times.GetValueOrDefault(voucher) + 1;
                var line = (string)e["data"]!["appropriationCode"]!;
                sums[line] = sums.GetValueOrDefault(line) + e["data"]!["amount"]!.GetValue<decimal>();
            }
            from = (long)page[^1]["sequence"]! + 1;
        }
    }

    /// <summary>Before the retries: acknowledged once, refused and not-recorded absent, unknown at most once.</summary>
    public async Task<Counts> CheckBeforeRetryAsync()
    {
        var (times, _, _, _) = await HistoryAsync();
        var counts = Count(times);
        foreach (var op in _ops)
        {
            var n = times.GetValueOrDefault(op.Voucher);
            switch (op.First)
            {
                case Outcome.Acked: Assert.True(n == 1, $"{op.Voucher} was acknowledged and is recorded {n} times"); break;
                case Outcome.Refused or Outcome.NotRecorded:
                    Assert.True(n == 0, $"{op.Voucher} was answered {op.First} and is recorded {n} times"); break;
                default: Assert.True(n <= 1, $"{op.Voucher} (outcome unknown) is recorded {n} times"); break;
            }
        }
        return counts with
        {
            UnknownRecordedBeforeRetry = _ops.Count(o => o.First is Outcome.Unknown or Outcome.ServerError && times.ContainsKey(o.Voucher)),
        };
    }

    /// <summary>After the retries: every write is in the ledger exactly as often as its final answer says, and the figures agree.</summary>
    public async Task CheckAfterRetryAsync()
    {
        var (times, sums, events, unchained) = await HistoryAsync();
        foreach (var op in _ops)
            Assert.True(times.GetValueOrDefault(op.Voucher) == (op.Final == Outcome.Acked ? 1 : 0),
                $"{op.Voucher}: first {op.First}, final {op.Final}, recorded {times.GetValueOrDefault(op.Voucher)} times");
        Assert.Equal(_ops.Count(o => o.Final == Outcome.Acked), times.Values.Sum());
        Assert.Equal(0, unchained);
        Assert.True(events > 0);

        foreach (var line in Lines.Append(Contended))
        {
            var figures = JsonNode.Parse(await MustAsync(HttpMethod.Get, $"{Base}/appropriations/{line}", null))!;
            var expected = _ops.Where(o => o.Line == line && o.Final == Outcome.Acked).Sum(o => o.Amount);
            Assert.Equal(expected, sums.GetValueOrDefault(line));
            Assert.Equal(expected, figures["executed"]!.GetValue<decimal>());
        }
        Assert.True(sums.GetValueOrDefault(Contended) <= ContendedBudget,
            $"the contended line is overspent: {sums.GetValueOrDefault(Contended)}");

        var verify = JsonNode.Parse(await MustAsync(HttpMethod.Get, $"/api/v1/districts/{_district}/audit/verify", null))!;
        Assert.True(verify["ok"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.Equal(0, Answered500);
    }

    public sealed record Counts(int Writes, int Acked, int Refused, int NotRecorded, int Unknown, int Lost, int Duplicated)
    {
        public int UnknownRecordedBeforeRetry { get; init; }
    }

    private Counts Count(Dictionary<string, int> times) => new(_ops.Count,
        _ops.Count(o => o.First == Outcome.Acked), _ops.Count(o => o.First == Outcome.Refused),
        _ops.Count(o => o.First == Outcome.NotRecorded),
        _ops.Count(o => o.First is Outcome.Unknown or Outcome.ServerError),
        _ops.Count(o => o.First == Outcome.Acked && !times.ContainsKey(o.Voucher)), times.Count(t => t.Value > 1));

    /// <summary>
    /// How long after the fault (<paramref name="at"/>) writes were acknowledged again for good: the first acknowledgement
    /// after the last write the fault made fail (0 when none failed).
    /// </summary>
    public TimeSpan RecoveredAfter(DateTime at)
    {
        var failed = _ops.Where(o => o.First is not (Outcome.Acked or Outcome.Refused) && o.AnsweredAt > at)
            .Select(o => o.AnsweredAt).ToList();
        if (failed.Count == 0) return TimeSpan.Zero;
        var last = failed.Max();
        return _ops.Where(o => o.First == Outcome.Acked && o.AnsweredAt > last)
            .Select(o => o.AnsweredAt - at).DefaultIfEmpty(TimeSpan.MaxValue).Min();
    }

    /// <summary>A request that must succeed (set-up and checks), on any live replica, retried while the service recovers.</summary>
    public async Task<string> MustAsync(HttpMethod method, string path, string? body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 0; ; attempt++)
        {
            using var request =
                new HttpRequestMessage(method, $"{_replicas[Replica(attempt)]}{(path.StartsWith('/') ? path : $"{Base}/{path}")}");
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode) return text;
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(100);
        }
    }

    private static string Enact(string code, decimal amount) => $$"""
        {"code":"{{code}}","name":"Line {{code}}","department":{"code":"D01","name":"Department"},"kind":"project",
         "functionClass":"2070899","fundSource":"general-budget","originalAmount":"{{amount:0.00}}","enactedOn":"2020-01-01"}
        """;
}
