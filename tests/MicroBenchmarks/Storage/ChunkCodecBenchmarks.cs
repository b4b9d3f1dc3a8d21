using BenchmarkDotNet.Attributes;
using Ingest.Collector.Model;
using Ingest.Collector.Storage;
using Ingest.MicroBenchmarks.Infrastructure;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary><see cref="ChunkCodec"/>: a batch's readings to the stored chunk encoding and back.</summary>
[MemoryDiagnoser]
public class ChunkCodecBenchmarks
{
    private ReadingBatch _batch = null!;
    private byte[] _encoded = [];

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = SampleBatches.Create(SampleBatches.SensorId(0), 1, BatchSize, new Random(SampleBatches.Seed));
        _encoded = ChunkCodec.Encode(_batch.TimestampsMicros, _batch.Values);
    }

    /// <summary>Encodes one batch, as a commit does for every chunk it writes.</summary>
    [Benchmark]
    public byte[] Encode() => ChunkCodec.Encode(_batch.TimestampsMicros, _batch.Values);

    /// <summary>Decodes one chunk, as a query does for every chunk it reads.</summary>
    [Benchmark]
    public (long[] TimestampsMicros, double[] Values) Decode() => ChunkCodec.Decode(_encoded);
}
