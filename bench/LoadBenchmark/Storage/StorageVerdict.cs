using System.Globalization;

namespace Ingest.LoadBenchmark.Storage;

/// <summary>
/// Whether a run's storage holds what was acknowledged, sensor by sensor. Totals over the sensors:
/// acknowledged = sequences 1..the highest acknowledged, stored = rows of <c>chunks</c>, and of them those
/// above the acknowledged sequence ("stored, not acknowledged": allowed when a stream ends before its ack,
/// only a <see cref="Warning"/>).
/// </summary>
internal sealed record StorageVerdict(
    int Sensors,
    long AckedBatches,
    long AckedReadings,
    long StoredBatches,
    long StoredReadings,
    long StoredNotAcknowledgedBatches,
    long StoredNotAcknowledgedReadings,
    bool Passed,
    string Detail,
    string? Warning)
{
    /// <summary>Sensors named in a failure's detail at most; the rest are counted.</summary>
    public const int MaxProblemsListed = 5;

    /// <summary>
    /// Checks every sensor's stored sequences against its acknowledgements, for batches of
    /// <paramref name="readingsPerBatch"/> readings (1 for naive). A sensor passes when its stored sequences are
    /// 1..max with no gap and none twice, max is at least its acknowledged sequence, the readings stored up to
    /// that sequence are that many batches' worth, and its acks reported exactly as many readings committed.
    /// </summary>
    public static StorageVerdict Compare(IReadOnlyList<StoredSensor> stored, IReadOnlyList<SensorAcks> acked, int readingsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(acked);
        ArgumentOutOfRangeException.ThrowIfLessThan(readingsPerBatch, 1);
        var storedBySensor = stored.ToDictionary(s => s.SensorId, StringComparer.Ordinal);
        var ackedBySensor = acked.ToDictionary(a => a.SensorId, StringComparer.Ordinal);
        var problems = new List<string>();
        long notAckedBatches = 0, notAckedReadings = 0;
        foreach (var sensorId in storedBySensor.Keys.Union(ackedBySensor.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var acks = ackedBySensor.GetValueOrDefault(sensorId) ?? new SensorAcks(sensorId, 0, 0);
            var sensor = storedBySensor.GetValueOrDefault(sensorId) ?? new StoredSensor(sensorId, 0, 0, 0, 0, 0, 0);
            problems.AddRange(Check(sensor, acks, readingsPerBatch));
            if (sensor.MaxSequence > acks.AckedSequence)
            {
                notAckedBatches += sensor.MaxSequence - Math.Max(acks.AckedSequence, sensor.MinSequence - 1);
                notAckedReadings += sensor.Readings - sensor.ReadingsUpToAcked;
            }
        }

        var ackedBatches = acked.Sum(a => a.AckedSequence);
        var storedBatches = stored.Sum(s => s.Chunks);
        var storedReadings = stored.Sum(s => s.Readings);
        var passed = problems.Count == 0;
        var detail = passed
            ? $"{ackedBatches * readingsPerBatch:N0} readings in {ackedBatches:N0} batches acknowledged and stored, sequences 1..n per sensor without gaps or duplicates"
            : string.Join("; ", problems.Take(MaxProblemsListed)) + (problems.Count > MaxProblemsListed ? $"; and {problems.Count - MaxProblemsListed:N0} more" : "");
        var warning = notAckedBatches > 0
            ? $"{notAckedReadings:N0} readings in {notAckedBatches:N0} batches stored, not acknowledged (streams that ended before their ack)"
            : null;
        return new StorageVerdict(
            ackedBySensor.Count, ackedBatches, ackedBatches * readingsPerBatch, storedBatches, storedReadings, notAckedBatches, notAckedReadings, passed, detail, warning);
    }

    /// <summary>A failed check: the database at <paramref name="databasePath"/> could not be read.</summary>
    public static StorageVerdict Unreadable(string databasePath, string reason, IReadOnlyList<SensorAcks> acked, int readingsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(acked);
        var ackedBatches = acked.Sum(a => a.AckedSequence);
        return new StorageVerdict(acked.Count, ackedBatches, ackedBatches * readingsPerBatch, 0, 0, 0, 0, false, $"could not read {databasePath}: {reason}", null);
    }

    private static IEnumerable<string> Check(StoredSensor stored, SensorAcks acks, int readingsPerBatch)
    {
        var id = stored.SensorId;
        if (stored.Chunks == 0)
        {
            if (acks.AckedSequence > 0)
            {
                yield return $"{id}: acknowledged up to sequence {N(acks.AckedSequence)}, nothing stored";
            }

            yield break;
        }

        if (stored.MinSequence != 1)
        {
            yield return $"{id}: sequences 1..{N(stored.MinSequence - 1)} missing";
        }

        if (stored.Chunks != stored.DistinctSequences)
        {
            yield return $"{id}: {N(stored.Chunks - stored.DistinctSequences)} sequences stored more than once";
        }

        var missing = stored.MaxSequence - stored.MinSequence + 1 - stored.DistinctSequences;
        if (missing > 0)
        {
            yield return $"{id}: {N(missing)} sequences missing between {N(stored.MinSequence)} and {N(stored.MaxSequence)}";
        }

        if (stored.MaxSequence < acks.AckedSequence)
        {
            yield return $"{id}: acknowledged up to sequence {N(acks.AckedSequence)} but stored only up to {N(stored.MaxSequence)}";
        }

        var expected = acks.AckedSequence * readingsPerBatch;
        if (stored.ReadingsUpToAcked != expected)
        {
            yield return $"{id}: {N(stored.ReadingsUpToAcked)} readings stored in sequences 1..{N(acks.AckedSequence)}, {N(expected)} acknowledged";
        }

        if (acks.ReadingsAcked != expected)
        {
            yield return $"{id}: its acks reported {N(acks.ReadingsAcked)} readings committed, sequences 1..{N(acks.AckedSequence)} hold {N(expected)}";
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
