using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// One benchmark sensor's next batch: its own sequence from 1, its readings continuing in time from the
/// previous batch, started over <see cref="BatchTemplate.StartInPast"/> before now when they would run
/// more than <see cref="BatchTemplate.MaxAhead"/> ahead of the clock.
/// </summary>
internal sealed class SensorSequence(string sensorId, BatchTemplate template, TimeProvider time)
{
    private long _firstMicros = BatchTemplate.FirstMicros(time.GetUtcNow());

    public string SensorId { get; } = sensorId;

    /// <summary>The sequence the next batch gets.</summary>
    public ulong NextSequence { get; private set; } = 1;

    /// <summary>Creates the next batch and moves the sequence on.</summary>
    public ReadingBatch Next()
    {
        var sequence = NextSequence++;
        var batch = template.Create(SensorId, sequence, _firstMicros);
        var limit = (time.GetUtcNow() + BatchTemplate.MaxAhead).ToUnixTimeMilliseconds() * 1000;
        if (batch.Readings.BaseTimeUnixMicros + (template.BatchSize * BatchTemplate.StepMicros) > limit)
        {
            _firstMicros = BatchTemplate.FirstMicros(time.GetUtcNow()) - ((long)(sequence - 1) * template.BatchSize * BatchTemplate.StepMicros);
            batch = template.Create(SensorId, sequence, _firstMicros);
        }

        return batch;
    }
}
