using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>Builders for the model values tests need.</summary>
internal static class TestData
{
    public const string Address = "http://127.0.0.1:5999";

    public static readonly DateTimeOffset Start = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What the collector says of a reading from a sensor whose clock is ten minutes fast.</summary>
    public const string SkewReason =
        "reading 0 is timestamped 2025-05-01T12:10:00.000Z, more than 00:05:00 ahead of the collector's clock; check the sensor's clock";

    public static WindowAggregate Window(
        string sensorId,
        string kind = "temperature",
        SensorStatus status = SensorStatus.Live,
        double mean = 21.5,
        double last = 21.75,
        double rate = 100,
        int windowIndex = 0,
        ulong count = 100,
        ulong desired = 0,
        ulong reported = 0,
        ConfigState configState = ConfigState.Unknown,
        bool paused = false,
        ulong rejected = 0,
        string lastRejection = "") =>
        new(
            sensorId,
            kind,
            Start + TimeSpan.FromSeconds(windowIndex),
            TimeSpan.FromSeconds(1),
            count,
            Min: mean - 1,
            Max: mean + 1,
            Mean: mean,
            Last: last,
            ReadingsPerSecond: rate,
            status,
            Closed: true,
            desired,
            reported,
            configState,
            paused,
            rejected,
            lastRejection);

    /// <summary>A sensor the collector knows only through rejected batches, as the collector sends it: count 0, no window start.</summary>
    public static WindowAggregate RejectedOnly(
        string sensorId, ulong rejected = 1000, string reason = SkewReason, SensorStatus status = SensorStatus.Live, string kind = "temperature") =>
        new(sensorId, kind, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), 0, 0, 0, 0, 0, 0, status, Closed: false, 0, 0,
            RejectedBatches: rejected, LastRejection: reason);

    /// <summary>A sensor as the Admin service describes it.</summary>
    public static SensorConfiguration Sensor(
        string sensorId,
        string kind = "temperature",
        ulong desired = 7,
        ulong reported = 7,
        ConfigState? state = null,
        string reason = "",
        bool connected = true,
        SensorReport? status = null,
        SensorConfigValues? settings = null,
        IReadOnlyList<ConfigOverride>? overrides = null) =>
        new(
            sensorId,
            kind,
            desired,
            $"hash-{desired}",
            settings ?? Settings(),
            reported,
            reported == 0 ? "" : $"hash-{reported}",
            state ?? (reported >= desired ? ConfigState.InSync : ConfigState.Pending),
            reason,
            connected,
            connected ? Start.AddSeconds(-2) : null,
            status,
            overrides ?? []);

    public static SensorConfigValues Settings() =>
        new(
            SamplingInterval: TimeSpan.FromMilliseconds(10),
            BatchSize: 100,
            BatchMaxAge: TimeSpan.FromSeconds(1),
            UploadWindowBatches: 50,
            UploadWindowDuration: TimeSpan.FromSeconds(5),
            Enabled: true,
            StatusInterval: TimeSpan.FromSeconds(5));

    public static WindowUpdate Update(WindowAggregate aggregate) => new(aggregate);

    public static CollectorTotals Totals(uint live = 2, uint stale = 0, uint offline = 0) =>
        new(
            Start,
            ReadingsPerSecond: 1234.5,
            ReadingsCommitted: 987_654,
            BatchesCommitted: 9_876,
            DuplicateBatches: 3,
            RejectedBatches: 1,
            LostBatches: 2,
            LateReadings: 5,
            SensorsConnected: live,
            Subscribers: 1,
            CollectorInstanceId: "collector-1",
            CollectorVersion: "0.1.0",
            live,
            stale,
            offline);

    /// <summary>A state connected to a collector, with a complete snapshot of <paramref name="windows"/>.</summary>
    public static DashboardState Connected(params WindowAggregate[] windows)
    {
        var state = DashboardState.Initial(Address).Connected(new CollectorIdentity("collector-1", "0.1.0"), Start);
        state = state.Apply(new StatisticsUpdate(Totals()), Start);
        foreach (var window in windows)
        {
            state = state.Apply(new WindowUpdate(window), Start);
        }

        return state.Apply(new SnapshotCompleted((uint)windows.Length), Start);
    }

    public static IOptions<DashboardOptions> Options(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions { CollectorAddress = Address };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public static RpcException Rpc(StatusCode status, string detail = "", string? retryAfterMs = null)
    {
        var trailers = new Metadata();
        if (retryAfterMs is not null)
        {
            trailers.Add("retry-after-ms", retryAfterMs);
        }

        return new RpcException(new Status(status, detail), trailers);
    }
}
