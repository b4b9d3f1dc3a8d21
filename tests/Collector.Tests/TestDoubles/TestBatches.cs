using Ingest.Collector.Model;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>Valid reading batches as the collector holds them once validated: <see cref="ReadingBatches"/> unpacked.</summary>
internal static class TestBatches
{
    /// <summary><see cref="ReadingBatches.Epoch"/> in microseconds since the Unix epoch.</summary>
    public static readonly long BaseMicros = ReadingBatches.EpochMicros;

    /// <summary>Batch <paramref name="sequence"/> of <paramref name="count"/> readings <paramref name="intervalMicros"/> apart, one batch after another from <see cref="BaseMicros"/>; values sequence + i / 10.</summary>
    public static ReadingBatch Regular(string sensorId, long sequence, int count = 3, long intervalMicros = 10_000)
    {
        var start = BaseMicros + (sequence * count * intervalMicros);
        var sent = ReadingBatches.Create(sensorId, (ulong)sequence, start, count, i => sequence + (i / 10.0), intervalMicros);
        var timestamps = ReadingBatches.TimestampsMicros(sent);
        return new ReadingBatch(sensorId, sequence, timestamps, [.. sent.Readings.Values], timestamps[0], timestamps[^1]);
    }
}
