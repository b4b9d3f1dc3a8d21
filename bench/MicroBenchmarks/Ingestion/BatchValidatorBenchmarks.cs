using BenchmarkDotNet.Attributes;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Calls;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Model;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.TestDoubles;
using Ingest.MicroBenchmarks.Infrastructure;
using Microsoft.Extensions.Options;
using Proto = Ingest.Protocol.V1;

namespace Ingest.MicroBenchmarks.Ingestion;

/// <summary><see cref="BatchValidator.Validate"/> of a valid batch: every reading checked, the batch encoded and summed up per window size.</summary>
[MemoryDiagnoser]
public class BatchValidatorBenchmarks
{
    private BatchValidator _validator = null!;
    private Proto.ReadingBatch _message = null!;

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _validator = new BatchValidator(FixedOptions.Of(new IngestionOptions()), new WindowRunPlanner(Options.Create(new AggregationOptions())), SampleBatches.Clock);
        _message = SampleBatches.Message(SampleBatches.SensorId(0), 1, BatchSize, new Random(SampleBatches.Seed));
        var validation = _validator.Validate(_message);
        if (!validation.IsValid)
        {
            throw new InvalidOperationException($"The sample batch must be valid, but: {validation.RejectionReason}");
        }
    }

    /// <summary>Validates one batch; returns the mapped batch.</summary>
    [Benchmark]
    public object? Validate() => _validator.Validate(_message).Batch;
}
