using Ingest.Collector.Aggregation;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Model;
using Ingest.Collector.Sensors;
using Ingest.Collector.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>An <see cref="Aggregator"/> with everything around it real, on a fake clock.</summary>
internal sealed class AggregationHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public AggregationHarness(Action<AggregationOptions>? configure = null)
    {
        Options = new AggregationOptions { Windows = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)] };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Hub = new SubscriptionHub(options);
        MeterFactory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        IngestMetrics = new IngestMetrics(MeterFactory, Time);
        Metrics = new AggregationMetrics(MeterFactory, Hub);
        RefusedCalls = new RefusedCalls(MeterFactory, Time);
        Aggregator = new Aggregator(options, Hub, Sensors, Connected, IngestMetrics, Metrics, Identity, Time, RefusedCalls, Condition);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero));

    public AggregationOptions Options { get; }

    public SubscriptionHub Hub { get; }

    public SensorDirectory Sensors { get; } = new();

    public ConnectedSensors Connected { get; } = new();

    public CollectorIdentity Identity { get; } = new();

    public System.Diagnostics.Metrics.IMeterFactory MeterFactory { get; }

    public IngestMetrics IngestMetrics { get; }

    public AggregationMetrics Metrics { get; }

    public RefusedCalls RefusedCalls { get; }

    /// <summary>What the aggregator reads as the collector's condition; set <see cref="SettableCondition.Current"/>.</summary>
    public SettableCondition Condition { get; } = new();

    public Aggregator Aggregator { get; }

    /// <summary>A subscriber to every sensor's windows of the size at <paramref name="windowIndex"/>.</summary>
    public Subscriber Watch(int windowIndex = 0) => Hub.TrySubscribe(SubscriptionFilter.Everything, windowIndex)!.Subscriber;

    /// <summary>Applies a batch of readings at the given seconds after <see cref="TestBatches.BaseMicros"/> (a whole minute).</summary>
    public void Apply(string sensorId, long sequence, params (double Seconds, double Value)[] readings) =>
        Aggregator.Apply(Batch(sensorId, sequence, readings));

    public static ReadingBatch Batch(string sensorId, long sequence, params (double Seconds, double Value)[] readings)
    {
        var timestamps = readings.Select(r => TestBatches.BaseMicros + (long)Math.Round(r.Seconds * 1_000_000)).ToArray();
        return new ReadingBatch(sensorId, sequence, timestamps, [.. readings.Select(r => r.Value)], timestamps.Min(), timestamps.Max());
    }

    /// <summary>The start of the window that begins <paramref name="seconds"/> after the base, in µs.</summary>
    public static long At(double seconds) => TestBatches.BaseMicros + (long)Math.Round(seconds * 1_000_000);

    public void Dispose() => _services.Dispose();

    /// <summary>An <see cref="ICollectorCondition"/> that reads what the test set.</summary>
    internal sealed class SettableCondition : ICollectorCondition
    {
        public CollectorCondition Current { get; set; } = CollectorCondition.Unknown;

        public CollectorCondition Read() => Current;
    }
}
