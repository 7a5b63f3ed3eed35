using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Consumer;
using FundLedger.Integration;

namespace FundLedger.Tests.Integration;

/// <summary>
/// The published language without a broker: every internal event is mapped or deliberately not published, the CloudEvent
/// carries what the topology page promises, and no published record changes shape without a new version.
/// </summary>
public sealed class PublishedLanguageTests
{
    private static readonly string Snapshot =
        Path.Combine(Infrastructure.Samples.RepositoryRoot(), "contracts", "events", "integration-v1.txt");

    [Fact]
    public void Every_internal_event_type_is_published_or_named_as_not_published()
    {
        foreach (var type in LedgerEvents.All)
        {
            var published = IntegrationMap.Map("110106", "2020/P01", RuntimeHelpers.GetUninitializedObject(type));
            Assert.True(published is null == IntegrationMap.NotPublished.Contains(type), type.Name);
            if (published is not null) Assert.IsType(IntegrationTopology.Records[published.Type], published.Data);
        }
        Assert.Throws<InvalidOperationException>(() => IntegrationMap.Map("110106", "2020/P01", new object()));
    }

    [Fact]
    public void A_reduction_is_published_as_an_adjustment_with_a_negative_change_on_its_line()
    {
        var reduced = new AppropriationReduced("A1", Money.Of(20m), "调减", null, new DateOnly(2020, 6, 1), "clerk", "sys",
            DateTimeOffset.UnixEpoch);
        var published = IntegrationMap.Map("110106", "2020/P01", reduced)!;
        var data = Assert.IsType<AppropriationAdjustedV1>(published.Data);
        Assert.Equal((IntegrationTopology.AppropriationAdjusted, "110106", 2020, "P01", "Reduction", 20m, -20m),
            (published.Type, data.District, data.Year, data.Appropriation, data.Direction, data.Amount.Yuan, data.Change.Yuan));
    }

    [Fact]
    public void The_cloud_event_is_numbered_by_the_sequence_and_names_district_stream_time_and_trace()
    {
        var paid = new DisbursementRecorded("V1", "P01", 2020, Money.Of(12.30m), new DateOnly(2020, 3, 1), null, "<b>供应商</b>", null,
            false, "clerk", "sys", new DateTimeOffset(2020, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var trace = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var message = CloudEventMessage.Of("110106", 4711, "2020/P01", 3, paid.RecordedAt, trace,
            IntegrationMap.Map("110106", "2020/P01", paid)!);

        Assert.Equal(("4711", "110106.disbursement.recorded.v1"), (message.Id, message.RoutingKey));
        var e = IntegrationConsumer.Decode(message.Body);
        Assert.Equal(("4711", "/districts/110106", IntegrationTopology.DisbursementRecorded, "2020/P01", paid.RecordedAt, trace, 3),
            (e.Id, e.Source!.ToString(), e.Type, e.Subject, e.Time, (string?)e[IntegrationConsumer.TraceParent],
             (int?)e[IntegrationConsumer.StreamVersion]));
        var data = (JsonElement)e.Data!;
        // Money is a number at scale 2; recorded text is data, carried as it was written.
        Assert.Equal("12.30", data.GetProperty("amount").GetRawText());
        Assert.Equal("<b>供应商</b>", data.GetProperty("payee").GetString());
    }

    /// <summary>
    /// contracts/events/integration-v1.txt: each published record's JSON fields and types. A line may be added (a new record,
    /// with UPDATE_CONTRACTS=1), never changed or removed: a change of shape is a new version.
    /// </summary>
    [Fact]
    public void No_published_record_changes_shape_without_a_new_version()
    {
        var now = IntegrationTopology.Records.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {Shape(r.Value)}").ToList();
        var recorded = File.Exists(Snapshot) ? File.ReadAllLines(Snapshot).Where(l => l.Length > 0).ToList() : [];
        Assert.Empty(recorded.Except(now));
        var added = now.Except(recorded).ToList();
        if (added.Count > 0 && Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Snapshot)!);
            File.AppendAllLines(Snapshot, added);
            added = [];
        }
        Assert.True(added.Count == 0, $"new published records, add them with UPDATE_CONTRACTS=1: {string.Join("; ", added)}");
    }

    private static string Shape(Type record)
    {
        var nullability = new NullabilityInfoContext();
        var fields = record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p =>
            $"{JsonNamingPolicy.CamelCase.ConvertName(p.Name)}:{TypeName(p.PropertyType)}" +
            (nullability.Create(p).WriteState == NullabilityState.Nullable ? "?" : ""));
        return "{" + string.Join(", ", fields) + "}";
    }

    private static string TypeName(Type type) => Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner) : type.Name;
}
