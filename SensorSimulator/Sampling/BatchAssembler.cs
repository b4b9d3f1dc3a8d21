using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Sampling;

/// <summary>
/// The open batch of one sensor: collects readings until it is due for sealing, by count
/// (<c>BatchSize</c>) or by age (the first reading is <c>BatchMaxAge</c> old).
/// </summary>
internal sealed class BatchAssembler
{
    private readonly List<Reading> _readings;
    private int _batchSize;
    private TimeSpan _maxAge;
    private DateTimeOffset _firstReadingAt;

    public BatchAssembler(int batchSize, TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _maxAge = maxAge;
        _readings = new List<Reading>(batchSize);
    }

    /// <summary>Readings in the open batch.</summary>
    public int Count => _readings.Count;

    /// <summary>The open batch holds <c>BatchSize</c> readings.</summary>
    public bool IsFull => _readings.Count >= _batchSize;

    /// <summary>
    /// Uses <paramref name="batchSize"/> and <paramref name="maxAge"/> from now on; the open batch keeps its
    /// readings (and may now be full or expired).
    /// </summary>
    public void Resize(int batchSize, TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _maxAge = maxAge;
    }

    public void Add(DateTimeOffset eventTime, double value)
    {
        if (_readings.Count == 0)
        {
            _firstReadingAt = eventTime;
        }

        _readings.Add(new Reading(Reading.ToUnixMicros(eventTime), value));
    }

    /// <summary>The open batch is not empty and its first reading is at least <c>BatchMaxAge</c> old.</summary>
    public bool IsExpired(DateTimeOffset now) => _readings.Count > 0 && now - _firstReadingAt >= _maxAge;

    /// <summary>A sealed copy of the open batch under <paramref name="sequence"/>; the open batch stays as it is.</summary>
    public SealedBatch Seal(ulong sequence) => new(sequence, _readings.ToArray());

    /// <summary>Empties the open batch, once its sealed copy is safely held.</summary>
    public void Clear() => _readings.Clear();
}
