using Ingest.Collector.Model;

namespace Ingest.Collector.Aggregation;

/// <summary>One sensor in the live view: its event-time watermark, when it was last heard, and its window series.</summary>
internal sealed class SensorAggregate
{
    public SensorAggregate(string sensorId, IReadOnlyList<TimeSpan> windows, int closedKept, DateTimeOffset now)
    {
        SensorId = sensorId;
        LastHeardAt = now;
        Series = [.. windows.Select(window => new WindowSeries(window, closedKept))];
    }

    public string SensorId { get; }

    /// <summary>The latest timestamp seen from the sensor, in µs since the Unix epoch.</summary>
    public long WatermarkMicros { get; private set; } = long.MinValue;

    /// <summary>When the collector last committed readings from the sensor, by the wall clock.</summary>
    public DateTimeOffset LastHeardAt { get; set; }

    public SensorLiveness Liveness { get; set; } = SensorLiveness.Live;

    /// <summary>One series per window size, in the order of the sizes.</summary>
    public WindowSeries[] Series { get; }

    /// <summary>True when the latest closed window of some size changed since it was published.</summary>
    public bool AnyLatestChanged => Array.Exists(Series, series => series.LatestChanged);

    /// <summary>Adds a batch's readings to every series; returns how many were too late for at least one of them.</summary>
    public long Apply(ReadingBatch batch, long latenessMicros)
    {
        if (batch.Runs is { } runs && batch.MinTimestampMicros > WatermarkMicros && IsCutFor(runs))
        {
            ApplyRuns(runs, batch.MaxTimestampMicros);
            return 0;
        }

        return ApplyReadingByReading(batch, latenessMicros);
    }

    /// <summary>Adds a batch one reading after another: the general way, and what the runs are held to.</summary>
    internal long ApplyReadingByReading(ReadingBatch batch, long latenessMicros)
    {
        long late = 0;
        var (timestamps, values) = batch.Decode();
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

    /// <summary>
    /// A time-ordered batch wholly after the watermark: every reading raises (or keeps) the watermark and none
    /// is late, so each series takes the batch run by run, as it would reading by reading.
    /// </summary>
    private void ApplyRuns(WindowRuns runs, long maxTimestampMicros)
    {
        for (var size = 0; size < Series.Length; size++)
        {
            foreach (var run in runs.Runs[size])
            {
                Series[size].AddRun(run);
            }
        }

        WatermarkMicros = maxTimestampMicros;
    }

    private bool IsCutFor(WindowRuns runs)
    {
        if (runs.LengthsMicros.Length != Series.Length)
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

    /// <summary>Closes every open window: the sensor has been quiet past the stale threshold.</summary>
    public void CloseOpenWindows()
    {
        foreach (var series in Series)
        {
            series.CloseOpen();
        }
    }
}
