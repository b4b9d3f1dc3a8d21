using Ingest.Collector.Aggregation;
using Ingest.Collector.Model;

namespace Ingest.MicroBenchmarks.Infrastructure;

/// <summary>
/// Sensors sending batches round after round: in each round every sensor sends its next batch, with the
/// next sequence and readings that follow on from its previous batch, made as the ingest path makes them
/// (encoded, with their window runs). <see cref="Advance"/> makes the next round beforehand, so that what
/// is measured on <see cref="Current"/> is only what is done with the batches.
/// </summary>
internal sealed class SensorFleet
{
    private readonly ReadingBatch[] _batches;
    private readonly long[][] _timestamps;
    private readonly double[][] _values;
    private readonly WindowRunPlanner _planner;
    private readonly long _roundMicros;

    public SensorFleet(int sensors, int readingsPerBatch, WindowRunPlanner planner)
    {
        var random = new Random(SampleBatches.Seed);
        _planner = planner;
        _batches = new ReadingBatch[sensors];
        _timestamps = new long[sensors][];
        _values = new double[sensors][];
        for (var i = 0; i < sensors; i++)
        {
            (_timestamps[i], _values[i]) = SampleBatches.Readings(1, readingsPerBatch, random);
            _batches[i] = Make(i, 1);
        }

        _roundMicros = readingsPerBatch * SampleBatches.IntervalMicros;
    }

    /// <summary>The batches of the current round, one per sensor. Replaced by <see cref="Advance"/>.</summary>
    public IReadOnlyList<ReadingBatch> Current => _batches;

    /// <summary>Moves every sensor on to its next batch.</summary>
    public void Advance()
    {
        for (var s = 0; s < _batches.Length; s++)
        {
            var timestamps = _timestamps[s];
            for (var i = 0; i < timestamps.Length; i++)
            {
                timestamps[i] += _roundMicros;
            }

            _batches[s] = Make(s, _batches[s].Sequence + 1);
        }
    }

    private ReadingBatch Make(int sensor, long sequence)
    {
        var timestamps = _timestamps[sensor];
        return ReadingBatch.FromReadings(
            SampleBatches.SensorId(sensor), sequence, timestamps, _values[sensor], timestamps[0], timestamps[^1], isTimeOrdered: true,
            _planner.Summarize(timestamps, _values[sensor]));
    }
}
