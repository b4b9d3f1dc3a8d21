using Google.Protobuf.WellKnownTypes;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Grpc;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Tests.Grpc;

public sealed class UpdateMapperTests
{
    [Fact]
    public void ToModel_Window_MapsEveryField()
    {
        var update = new Wire.AggregateUpdate
        {
            Window = new Wire.SensorWindow
            {
                SensorId = "sim-temperature-0001",
                Kind = "temperature",
                WindowStart = Timestamp.FromDateTimeOffset(TestData.Start),
                Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
                Count = 1000,
                Min = 1.5,
                Max = 3.5,
                Mean = 2.5,
                Last = 3,
                ReadingsPerSecond = 100,
                Liveness = Wire.SensorLiveness.Stale,
                Closed = true,
                DesiredConfigVersion = 4,
                ReportedConfigVersion = 3,
                ConfigState = Wire.ConfigState.Pending,
                Paused = true,
            },
        };

        var window = Assert.IsType<WindowUpdate>(UpdateMapper.ToModel(update)).Aggregate;

        Assert.Equal(
            new WindowAggregate("sim-temperature-0001", "temperature", TestData.Start, TimeSpan.FromSeconds(10), 1000, 1.5, 3.5, 2.5, 3, 100, SensorStatus.Stale, true, 4, 3, ConfigState.Pending, Paused: true),
            window);
    }

    [Fact]
    public void ToModel_SensorWithOnlyRejectedBatches_MapsItsCountAndReasonAndIsRejectedOnly()
    {
        var window = UpdateMapper.ToModel(new Wire.SensorWindow
        {
            SensorId = "sim-skewed",
            Kind = "temperature",
            Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
            Liveness = Wire.SensorLiveness.Live,
            RejectedBatches = 1234,
            LastRejection = TestData.SkewReason,
        });

        Assert.Equal((1234UL, TestData.SkewReason, 0UL, true), (window.RejectedBatches, window.LastRejection, window.Count, window.RejectedOnly));
        Assert.Equal(DateTimeOffset.UnixEpoch, window.WindowStart);
    }

    [Theory]
    [InlineData(Wire.SensorLiveness.Live, nameof(SensorStatus.Live))]
    [InlineData(Wire.SensorLiveness.Offline, nameof(SensorStatus.Offline))]
    [InlineData(Wire.SensorLiveness.Unspecified, nameof(SensorStatus.Unknown))]
    public void ToModel_Liveness_MapsToStatus(Wire.SensorLiveness liveness, string expected) =>
        Assert.Equal(System.Enum.Parse<SensorStatus>(expected), UpdateMapper.ToModel(new Wire.SensorWindow { SensorId = "a", Liveness = liveness }).Status);

    [Fact]
    public void ToModel_Statistics_MapsTotalsAndCollectorIdentity()
    {
        var update = new Wire.AggregateUpdate
        {
            Statistics = new Wire.CollectorStatistics
            {
                At = Timestamp.FromDateTimeOffset(TestData.Start),
                ReadingsPerSecond = 1000,
                ReadingsCommitted = 10,
                BatchesCommitted = 2,
                DuplicateBatches = 3,
                RejectedBatches = 4,
                LostBatches = 5,
                LateReadings = 6,
                SensorsConnected = 7,
                Subscribers = 8,
                CollectorInstanceId = "c-1",
                CollectorVersion = "1.0.0",
                SensorsLive = 9,
                SensorsStale = 10,
                SensorsOffline = 11,
            },
        };

        var totals = Assert.IsType<StatisticsUpdate>(UpdateMapper.ToModel(update)).Totals;

        Assert.Equal(new CollectorTotals(TestData.Start, 1000, 10, 2, 3, 4, 5, 6, 7, 8, "c-1", "1.0.0", 9, 10, 11), totals);
    }

    [Fact]
    public void ToModel_SnapshotCompleteAndHeartbeat_AreMapped()
    {
        Assert.Equal(new SnapshotCompleted(12), UpdateMapper.ToModel(new Wire.AggregateUpdate { SnapshotComplete = new Wire.SnapshotComplete { SensorCount = 12 } }));
        Assert.Equal(
            new HeartbeatUpdate(TestData.Start),
            UpdateMapper.ToModel(new Wire.AggregateUpdate { Heartbeat = new Wire.Heartbeat { At = Timestamp.FromDateTimeOffset(TestData.Start) } }));
    }

    [Fact]
    public void ToModel_EmptyUpdate_IsSkipped() => Assert.Null(UpdateMapper.ToModel(new Wire.AggregateUpdate()));

    [Fact]
    public void ToWire_CarriesFiltersWindowAndUpdateInterval()
    {
        var request = new SubscriptionRequest(["sim-*", "lab-1"], ["humidity"], TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));

        var wire = UpdateMapper.ToWire(request);

        Assert.Equal(["sim-*", "lab-1"], wire.SensorIds);
        Assert.Equal(["humidity"], wire.Kinds);
        Assert.Equal(TimeSpan.FromSeconds(60), wire.Window.ToTimeSpan());
        Assert.Equal(TimeSpan.FromMilliseconds(250), wire.MinUpdateInterval.ToTimeSpan());
    }

    [Fact]
    public void ToWire_NoWindow_LeavesItUnsetForTheCollectorsDefault() =>
        Assert.Null(UpdateMapper.ToWire(new SubscriptionRequest([], [], null, TimeSpan.FromMilliseconds(250))).Window);

    [Fact]
    public void ToModel_Statistics_MapsTheOperatorFiguresAndTheWindow()
    {
        var statistics = new Wire.CollectorStatistics
        {
            StorageHealth = Wire.StorageHealth.NotServing,
            StorageReason = "storage writes fail: disk full",
            CommitLatencyP99 = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(7)),
            CommitLatencySpan = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            CommitQueueDepth = 4,
            ChaosEnabled = true,
            ControlStreams = 6,
            WorkingSetBytes = 1234,
            GcGen0Collections = 5,
            GcGen1Collections = 2,
            GcGen2Collections = 1,
            GcPauseTotal = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(30)),
            Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        };
        statistics.RefusedCalls.Add("unauthenticated", 2);
        statistics.RefusedCalls.Add("sensor_rate", 9);
        statistics.ChaosInjections.Add("commit_fault", 3);

        var totals = UpdateMapper.ToModel(statistics);

        Assert.Equal(TimeSpan.FromSeconds(1), totals.Window);
        var operations = Assert.IsType<CollectorOperations>(totals.Operations);
        Assert.False(operations.StorageServing);
        Assert.Equal("storage writes fail: disk full", operations.StorageReason);
        Assert.Equal(TimeSpan.FromMilliseconds(7), operations.CommitLatencyP99);
        Assert.Equal(4u, operations.CommitQueueDepth);
        Assert.Equal([new("sensor_rate", 9), new("unauthenticated", 2)], operations.RefusedCalls);
        Assert.True(operations.ChaosEnabled);
        Assert.Equal([new("commit_fault", 3)], operations.ChaosInjections);
        Assert.Equal(6u, operations.ControlStreams);
        Assert.Equal((1234UL, 5UL, 2UL, 1UL), (operations.WorkingSetBytes, operations.Gen0Collections, operations.Gen1Collections, operations.Gen2Collections));
        Assert.Equal(TimeSpan.FromMilliseconds(30), operations.GcPauseTotal);
    }

    [Fact]
    public void ToModel_StatisticsOfAnOlderCollector_HaveNoOperatorFiguresOrWindow()
    {
        var totals = UpdateMapper.ToModel(new Wire.CollectorStatistics { ReadingsCommitted = 5 });

        Assert.Null(totals.Operations);
        Assert.Null(totals.Window);
    }
}
