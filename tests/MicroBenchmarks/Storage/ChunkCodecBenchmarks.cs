using BenchmarkDotNet.Attributes;
using Ingest.Collector.Storage;
using Ingest.MicroBenchmarks.Infrastructure;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary><see cref="ChunkCodec"/>: a batch's readings to the stored chunk encoding and back.</summary>
[MemoryDiagnoser]
public class ChunkCodecBenchmarks
{
    private long[] _timestamps = [];
    private double[] _values = [];
    private byte[] _encoded = [];

    /// <summary>Readings per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_timestamps, _values) = SampleBatches.Readings(1, BatchSize, new Random(SampleBatches.Seed));
        _encoded = ChunkCodec.Encode(_timestamps, _values);
    }

    /// <summary>Encodes one batch, as validation does for every valid batch.</summary>
    [Benchmark]
    public byte[] Encode() => ChunkCodec.Encode(_timestamps, _values);

    /// <summary>Decodes one chunk, as a query does for every chunk it reads.</summary>
    [Benchmark]
    public (long[] TimestampsMicros, double[] Values) Decode() => ChunkCodec.Decode(_encoded);
}
