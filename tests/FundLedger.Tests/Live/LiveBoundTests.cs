using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using FundLedger.Live;
using FundLedger.Telemetry;
using Npgsql;

namespace FundLedger.Tests.Live;

/// <summary>
/// Live streams past their bounds, on a service of their own (3 streams a token, 12 a replica): refused cleanly with 429 and
/// 503 and Retry-After, while the open streams keep working, share one read per wake-up, stay on their own small pool, and
/// the rest of the service answers. 500 streams once emptied the request pool and the service stopped answering for minutes.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LiveBoundTests : IAsyncLifetime
{
    private const int PerToken = 3;
    private const int PerReplica = 12;
    private LedgerApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = LedgerApp.With(new Dictionary<string, string>
        {
            ["FundLedger:Live:MaxStreamsPerToken"] = PerToken.ToString(),
            ["FundLedger:Live:MaxStreams"] = PerReplica.ToString(),
        });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> OpenAsync(string district, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/districts/{district}/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _app.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task Streams_past_the_bounds_are_refused_cleanly_and_the_open_ones_share_one_read_while_the_service_answers()
    {
        var district = _app.NewDistrict();
        var api = _app.For(district);
        await api.Enact("P001", 1_000m);
        var reads = new ReadCounter(district);
        var open = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        try
        {
            // One token up to its bound, then the 429.
            var first = _app.Token(district, subject: "viewer-0");
            for (var i = 0; i < PerToken; i++) open.Add(await ReaderAsync(await OpenAsync(district, first)));
            using (var refused = await OpenAsync(district, first))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(LiveLimits.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Contains("too-many-streams", await refused.Content.ReadAsStringAsync());
            }
            // Other tokens up to the replica's bound, then the 503.
            for (var viewer = 1; open.Count < PerReplica; viewer++)
                open.Add(await ReaderAsync(await OpenAsync(district, _app.Token(district, subject: $"viewer-{viewer}"))));
            using (var full = await OpenAsync(district, _app.Token(district, subject: "one-too-many")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
                Assert.NotNull(full.Headers.RetryAfter);
                Assert.Contains("live-streams-full", await full.Content.ReadAsStringAsync());
            }
            foreach (var (_, reader) in open) await LiveItems.ReadAsync(reader, "connected", 1);

            // One commit wakes every stream: each gets the event, from reads shared by all of them.
            // A tail reads once a wake-up and once a second (for other replicas' writes); a read per stream would be 12 times that.
            var before = reads.Count;
            var waking = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Created, (await api.Disburse("P001", "V1", 10m)).Status);
            foreach (var (_, reader) in open)
            {
                var paid = (await LiveItems.ReadAsync(reader, "ledger", 1)).Single(i => i.Event == "ledger");
                Assert.Equal("disbursement_recorded", paid.Data["type"]!.GetValue<string>());
            }
            var shared = reads.Count - before;
            Assert.True(shared <= 2 + (long)waking.Elapsed.TotalSeconds, $"{shared} reads in {waking.Elapsed} for {open.Count} streams");

            // The rest of the service answers while the bound is reached (measured, not timed: see the benchmark's live row).
            var clock = Stopwatch.StartNew();
            using (var live = await _app.Client.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Appropriation("P001")).Status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered in {clock.Elapsed}");
            Assert.InRange(await LiveConnectionsAsync(district), 0, LiveHub.PoolSize);

            // A stream that ends gives its place back.
            open[0].Response.Dispose();
            await Until.TrueAsync(async () =>
            {
                using var again = await OpenAsync(district, first);
                return again.StatusCode == HttpStatusCode.OK;
            }, "the closed stream's place to be free again", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            foreach (var (response, _) in open) response.Dispose();
            reads.Dispose();
        }
    }

    [Fact]
    public async Task A_stream_ends_when_the_token_that_opened_it_expires()
    {
        var district = _app.NewDistrict();
        var api = _app.For(district);
        await api.Enact("P001", 1_000m);
        // exp is in whole seconds: this token expires 2 to 3 seconds from now.
        var token = _app.Token(district, lifetime: TimeSpan.FromSeconds(3));
        var (response, reader) = await ReaderAsync(await OpenAsync(district, token));
        using var _ = response;
        await api.Disburse("P001", "V1", 10m);
        var items = await LiveItems.ReadAsync(reader, "expired", 1);
        Assert.Contains(items, i => i.Event == "ledger");
        var expiry = new DateTimeOffset(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).ValidTo, TimeSpan.Zero);
        Assert.True(items.Single(i => i.Event == "expired").Data["recordedAt"]!.GetValue<DateTimeOffset>() >= expiry);
        // Then the stream ends: nothing recorded after the expiry reaches it.
        await api.Disburse("P001", "V2", 10m);
        Assert.Empty(await LiveItems.RestAsync(reader));

        // The same token, still inside the validation's clock skew, gets a stream that says at once that it has expired.
        var (again, againReader) = await ReaderAsync(await OpenAsync(district, token));
        using var __ = again;
        Assert.Equal(["connected", "expired"], (await LiveItems.ReadAsync(againReader, "expired", 1)).Select(i => i.Event));
        Assert.Empty(await LiveItems.RestAsync(againReader));
    }

    private static async Task<(HttpResponseMessage, StreamReader)> ReaderAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private async Task<long> LiveConnectionsAsync(string district)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where application_name = @name and datname = current_database()", connection);
        command.Parameters.AddWithValue("name", LiveHub.ApplicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The live tails' reads of one district, as the service's own meter counts them.</summary>
    private sealed class ReadCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ReadCounter(string district)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument == LedgerTelemetry.LiveReads) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "fundledger.district" && (string?)tag.Value == district) Interlocked.Add(ref _count, value);
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
