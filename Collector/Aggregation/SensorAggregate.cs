using Ingest.Collector.Model;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// One sensor in the live view: its event-time watermark, when it was last heard, its window series, and the
/// batches of it that were rejected.
/// </summary>
internal sealed class SensorAggregate
{
    public SensorAggregate(string sensorId, IReadOnlyList<TimeSpan> windows, int closedKept, DateTimeOffset now)
    {
        SensorId = sensorId;
        LastHeardAt = now;
        LastCommittedAt = now;
        Series = [.. windows.Select(window => new WindowSeries(window, closedKept))];
    }

    public string SensorId { get; }

    /// <summary>The latest timestamp seen from the sensor, in µs since the Unix epoch.</summary>
    public long WatermarkMicros { get; private set; } = long.MinValue;

    /// <summary>
    /// When the collector last settled a batch of the sensor, stored or rejected, by the wall clock: its liveness. A
    /// sensor whose batches are rejected is sending, so it is live while they arrive, not offline.
    /// </summary>
    public DateTimeOffset LastHeardAt { get; set; }

    /// <summary>When the collector last committed readings from the sensor, by the wall clock: quiet past the stale threshold, its open windows close.</summary>
    public DateTimeOffset LastCommittedAt { get; set; }

    /// <summary>Batches of the sensor rejected since it entered the live view.</summary>
    public long RejectedBatches { get; set; }

    /// <summary>Why the latest of them was rejected; empty while none was.</summary>
    public string LastRejection { get; set; } = "";

    public SensorLiveness Liveness { get; set; } = SensorLiveness.Live;

    /// <summary>One series per window size, in the order of the sizes.</summary>
    public WindowSeries[] Series { get; }

    /// <summary>True when the latest closed window of some size changed since it was published.</summary>
    public bool AnyLatestChanged => Array.Exists(Series, series => series.LatestChanged);

    /// <summary>Adds a batch's readings to every series; returns how many were too late for at least one of them.</summary>
    /// <remarks>
    /// The common batch, in timestamp order and starting after the watermark, goes to every series a window's
    /// run of readings at a time, none of them late: from its <see cref="WindowRuns"/> when it has them (the
    /// ingest path computes them where it validates the batch), else from its readings
    /// (<see cref="WindowSeries.AddInOrder"/>). Any other batch goes reading by reading
    /// (<see cref="ApplyReadingByReading(ReadingBatch, long)"/>). All give the same windows, except that a mean
    /// may differ, usually in its last bits (run sums are added at once; see <see cref="RunStatistics.Of"/>).
    /// </remarks>
    public long Apply(ReadingBatch batch, long latenessMicros)
    {
        var inOrder = batch.IsTimeOrdered && batch.Count > 0 && batch.MinTimestampMicros > WatermarkMicros;
        if (inOrder && batch.Runs is { } runs && IsCutFor(runs))
        {
            for (var size = 0; size < Series.Length; size++)
            {
                foreach (var run in runs.Runs[size])
                {
                    Series[size].Add(run);
                }
            }

            WatermarkMicros = batch.MaxTimestampMicros;
            return 0;
        }

        var (timestamps, values) = batch.Decode();
        if (!inOrder)
        {
            return ApplyReadingByReading(timestamps, values, latenessMicros);
        }

        foreach (var series in Series)
        {
            series.AddInOrder(timestamps, values);
        }

        WatermarkMicros = timestamps[^1];
        return 0;
    }

    /// <summary>
    /// Adds a batch's readings one by one, raising the watermark as they go, whatever their order; returns how
    /// many were too late for at least one series. The general way, and what the faster ones are held to.
    /// </summary>
    public long ApplyReadingByReading(ReadingBatch batch, long latenessMicros)
    {
        var (timestamps, values) = batch.Decode();
        return ApplyReadingByReading(timestamps, values, latenessMicros);
    }

    private long ApplyReadingByReading(long[] timestamps, double[] values, long latenessMicros)
    {
        long late = 0;
        for (var i = 0; i < timestamps.Length; i++)
        {
            var timestamp = timestamps[i];
            if (timestamp > WatermarkMicros)
            {
                WatermarkMicros = timestamp;
                foreach (var series in Series)
                {
                    series.Advance(timestamp);
                }
            }

            var tooLate = false;
            foreach (var series in Series)
            {
                tooLate |= !series.Add(timestamp, values[i], WatermarkMicros, latenessMicros);
            }

            if (tooLate)
            {
                late++;
            }
        }

        return late;
    }

    /// <summary>Closes every open window: the sensor has been quiet past the stale threshold.</summary>
    public void CloseOpenWindows()
    {
        foreach (var series in Series)
        {
            series.CloseOpen();
        }
    }

    /// <summary>True when the runs were cut for this sensor's window sizes.</summary>
    private bool IsCutFor(WindowRuns runs)
    {
        if (runs.LengthsMicros.Count != Series.Length)
        {
            return false;
        }

        for (var size = 0; size < Series.Length; size++)
        {
            if (runs.LengthsMicros[size] != Series[size].LengthMicros)
            {
                return false;
            }
        }

        return true;
    }
}
