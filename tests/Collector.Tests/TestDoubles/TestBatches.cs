using Ingest.Collector.Model;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>Valid reading batches for tests: regularly sampled from a fixed 2026 instant.</summary>
internal static class TestBatches
{
    public static readonly long BaseMicros = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static ReadingBatch Regular(string sensorId, long sequence, int count = 3, long intervalMicros = 10_000)
    {
        var start = BaseMicros + (sequence * count * intervalMicros);
        var timestamps = new long[count];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = start + (i * intervalMicros);
            values[i] = sequence + (i / 10.0);
        }

        return new ReadingBatch(sensorId, sequence, timestamps, values, timestamps[0], timestamps[^1]);
    }
}
