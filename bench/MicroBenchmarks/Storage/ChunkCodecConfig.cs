using BenchmarkDotNet.Configs;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary>The default configuration plus the <see cref="BytesPerReadingColumn"/>.</summary>
internal sealed class ChunkCodecConfig : ManualConfig
{
    public ChunkCodecConfig() => AddColumn(new BytesPerReadingColumn());
}
