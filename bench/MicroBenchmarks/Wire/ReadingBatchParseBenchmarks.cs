using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Ingest.MicroBenchmarks.Infrastructure;
using Ingest.Protocol.V1;

namespace Ingest.MicroBenchmarks.Wire;

/// <summary>The protobuf <see cref="ReadingBatch"/> message: parsed from and serialized to its wire bytes.</summary>
[MemoryDiagnoser]
public class ReadingBatchParseBenchmarks
{
    private ReadingBatch _message = null!;
    private byte[] _bytes = [];

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = SampleBatches.Message(SampleBatches.SensorId(0), 1, BatchSize, new Random(SampleBatches.Seed));
        _bytes = _message.ToByteArray();
    }

    /// <summary>Parses one batch, as the collector does for every message of an upload stream.</summary>
    [Benchmark]
    public ReadingBatch Parse() => ReadingBatch.Parser.ParseFrom(_bytes);

    /// <summary>Serializes one batch, as a sensor does for every batch it sends.</summary>
    [Benchmark]
    public byte[] Serialize() => _message.ToByteArray();
}
