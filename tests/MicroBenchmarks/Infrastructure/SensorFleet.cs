using Ingest.Collector.Model;

namespace Ingest.MicroBenchmarks.Infrastructure;

/// <summary>
/// Sensors sending batches round after round: in each round every sensor sends its next batch, with the
/// next sequence and readings that follow on from its previous batch. The reading arrays are reused,
/// shifted in time (one addition per reading), so a round allocates only the batch records.
/// </summary>
internal sealed class SensorFleet
{
    private readonly ReadingBatch[] _batches;
    private readonly long _roundMicros;

    public SensorFleet(int sensors, int readingsPerBatch)
    {
        var random = new Random(SampleBatches.Seed);
        _batches = new ReadingBatch[sensors];
        for (var i = 0; i < sensors; i++)
        {
            _batches[i] = SampleBatches.Create(SampleBatches.SensorId(i), 1, readingsPerBatch, random);
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
            var batch = _batches[s];
            var timestamps = batch.TimestampsMicros;
            for (var i = 0; i < timestamps.Length; i++)
            {
                timestamps[i] += _roundMicros;
            }

            _batches[s] = batch with
            {
                Sequence = batch.Sequence + 1,
                MinTimestampMicros = batch.MinTimestampMicros + _roundMicros,
                MaxTimestampMicros = batch.MaxTimestampMicros + _roundMicros,
            };
        }
    }
}
