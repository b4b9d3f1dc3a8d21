using BenchmarkDotNet.Attributes;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Control;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Greeting;
using Ingest.Collector.Model;
using Ingest.Collector.Reporting;
using Ingest.Collector.Sensors;
using Ingest.Collector.Subscriptions;
using Ingest.MicroBenchmarks.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.MicroBenchmarks.Aggregation;

/// <summary>
/// <see cref="Aggregator.Apply"/>, the call the AggregationService makes for every committed batch, with
/// the default windows (1 s, 10 s, 60 s) and 1,000 sensors sending in turn. Reported per batch; the time
/// is only applying: the batches of the next round are made (encoded, with their window runs) before each iteration.
/// </summary>
[MemoryDiagnoser]
public class AggregatorBenchmarks
{
    private const int Sensors = 1000;

    /// <summary>Rounds applied per measured iteration, made beforehand: an iteration of one round would be too short to time well.</summary>
    private const int RoundsPerIteration = 16;

    private readonly List<ReadingBatch[]> _rounds = [];

    private ServiceProvider _services = null!;
    private Aggregator _aggregator = null!;
    private SensorFleet _fleet = null!;

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var options = Options.Create(new AggregationOptions());
        var hub = new SubscriptionHub(options);
        var directory = new SensorDirectory();
        for (var i = 0; i < Sensors; i++)
        {
            directory.Register(SampleBatches.SensorId(i), "temperature");
        }

        _aggregator = new Aggregator(
            options, hub, directory, new ConnectedSensors(), new IngestMetrics(meterFactory), new AggregationMetrics(meterFactory, hub),
            new CollectorIdentity(), SampleBatches.Clock);
        _fleet = new SensorFleet(Sensors, BatchSize, new WindowRunPlanner(options));

        // Every sensor in the live view, with windows open and closed, as in a running collector.
        for (var round = 0; round < 2; round++)
        {
            NextRounds();
            ApplyRounds();
        }

        if (_aggregator.SensorCount != Sensors || _aggregator.LateReadings != 0)
        {
            throw new InvalidOperationException(
                $"The sample rounds must put {Sensors} sensors in the live view with no late readings, but gave {_aggregator.SensorCount} sensors and {_aggregator.LateReadings} late readings.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Makes the next <see cref="RoundsPerIteration"/> rounds of batches (not measured).</summary>
    [IterationSetup]
    public void NextRounds()
    {
        _rounds.Clear();
        for (var round = 0; round < RoundsPerIteration; round++)
        {
            _fleet.Advance();
            _rounds.Add([.. _fleet.Current]);
        }
    }

    /// <summary>Applies the next batches of every sensor, round after round.</summary>
    [Benchmark(OperationsPerInvoke = Sensors * RoundsPerIteration)]
    public void ApplyRounds()
    {
        foreach (var round in _rounds)
        {
            foreach (var batch in round)
            {
                _aggregator.Apply(batch);
            }
        }
    }
}
