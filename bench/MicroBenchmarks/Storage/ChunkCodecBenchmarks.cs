using BenchmarkDotNet.Attributes;
using Ingest.Collector.Codec;
using Ingest.Collector.Commit;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.MicroBenchmarks.Infrastructure;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary>
/// <see cref="ChunkCodec"/>: a batch's readings to the stored chunk encoding and back, in the encoding collectors
/// write (2) and the one they wrote before (1, the baseline). The Bytes/reading column is the chunk's size.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ChunkCodecConfig))]
public class ChunkCodecBenchmarks
{
    private long[] _timestamps = [];
    private double[] _values = [];
    private byte[] _encoded = [];

    /// <summary>Readings per batch.</summary>
    [Params(1000)]
    public int BatchSize { get; set; }

    /// <summary>The chunk encoding: 1 (varint timestamps, raw doubles) or 2 (the current one).</summary>
    [Params(1, 2)]
    public int Encoding { get; set; }

    /// <summary>What the readings look like.</summary>
    [ParamsAllValues]
    public ChunkData Data { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_timestamps, _values) = Readings(Data, BatchSize);
        _encoded = Encode(Encoding, _timestamps, _values);
    }

    /// <summary>Encodes one batch, as validation does for every valid batch.</summary>
    [Benchmark]
    public byte[] Encode() => Encode(Encoding, _timestamps, _values);

    /// <summary>Decodes one chunk, as a query does for every chunk it reads.</summary>
    [Benchmark]
    public (long[] TimestampsMicros, double[] Values) Decode() => ChunkCodec.Decode(Encoding, _encoded);

    /// <summary>The readings a benchmark of <paramref name="data"/> encodes.</summary>
    internal static (long[] TimestampsMicros, double[] Values) Readings(ChunkData data, int count)
    {
        var sample = SampleBatches.Readings(1, count, new Random(SampleBatches.Seed));
        var timestamps = data == ChunkData.DecimalRegular
            ? [.. Enumerable.Range(0, count).Select(i => SampleBatches.StartMicros + (i * SampleBatches.IntervalMicros))]
            : sample.TimestampsMicros;
        var values = data == ChunkData.FullPrecision ? sample.Values : [.. sample.Values.Select(v => Math.Round(v, 3))];
        return (timestamps, values);
    }

    internal static byte[] Encode(int encoding, long[] timestamps, double[] values) => encoding == ChunkEncoding1.Number
        ? ChunkEncoding1.Encode(timestamps, values)
        : ChunkCodec.Encode(timestamps, values);
}
