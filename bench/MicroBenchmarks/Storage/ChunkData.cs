namespace Ingest.MicroBenchmarks.Storage;

/// <summary>The readings a <see cref="ChunkCodecBenchmarks"/> chunk holds, all from <see cref="Infrastructure.SampleBatches"/>.</summary>
public enum ChunkData
{
    /// <summary>Values rounded to 3 places (a thermometer's 21.375), timestamps every 10 ms exactly.</summary>
    DecimalRegular,

    /// <summary>Values rounded to 3 places, timestamps every 10 ms with up to ±200 µs of jitter.</summary>
    DecimalJittery,

    /// <summary>Full-precision doubles (a computed sine plus noise), jittery timestamps: stored raw.</summary>
    FullPrecision,
}
