using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Storage;

public sealed class StorageVerdictTests
{
    private const int Batch = 100;

    /// <summary>A sensor stored cleanly as sequences 1..<paramref name="max"/> of <see cref="Batch"/> readings, <paramref name="acked"/> of them acknowledged.</summary>
    private static StoredSensor Clean(string id, long max, long acked) => new(id, 1, max, max, max, max * Batch, Math.Min(max, acked) * Batch);

    private static SensorAcks Acks(string id, long sequence) => new(id, sequence, sequence * Batch);

    [Fact]
    public void Compare_EverySensorStoredAsAcknowledged_PassesWithoutWarning()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 50, 50), Clean("b", 40, 40)], [Acks("a", 50), Acks("b", 40)], Batch);

        Assert.True(verdict.Passed, verdict.Detail);
        Assert.Null(verdict.Warning);
        Assert.Equal(9_000, verdict.AckedReadings);
        Assert.Equal(9_000, verdict.StoredReadings);
        Assert.Equal(2, verdict.Sensors);
    }

    [Fact]
    public void Compare_SequenceMissingInTheMiddle_FailsNamingTheSensorAndTheGap()
    {
        var withGap = new StoredSensor("a", 1, 50, 49, 49, 49 * Batch, 49 * Batch);

        var verdict = StorageVerdict.Compare([withGap], [new SensorAcks("a", 50, 50 * Batch)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: 1 sequences missing between 1 and 50", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SequencesNotStartingAtOne_Fails()
    {
        var late = new StoredSensor("a", 3, 50, 48, 48, 48 * Batch, 48 * Batch);

        var verdict = StorageVerdict.Compare([late], [Acks("a", 50)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: sequences 1..2 missing", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SequenceStoredTwice_Fails()
    {
        var twice = new StoredSensor("a", 1, 50, 51, 50, 51 * Batch, 51 * Batch);

        var verdict = StorageVerdict.Compare([twice], [Acks("a", 50)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: 1 sequences stored more than once", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_StoredBeyondTheAcknowledgedSequence_PassesWithAStoredNotAcknowledgedWarning()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 52, 50), Clean("b", 40, 40)], [Acks("a", 50), Acks("b", 40)], Batch);

        Assert.True(verdict.Passed, verdict.Detail);
        Assert.Equal(2, verdict.StoredNotAcknowledgedBatches);
        Assert.Equal(2 * Batch, verdict.StoredNotAcknowledgedReadings);
        Assert.Equal("200 readings in 2 batches stored, not acknowledged (streams that ended before their ack)", verdict.Warning);
    }

    [Fact]
    public void Compare_StoredForASensorWithoutAnyAck_PassesWithAWarning()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 3, 0)], [Acks("a", 0)], Batch);

        Assert.True(verdict.Passed, verdict.Detail);
        Assert.Equal(3, verdict.StoredNotAcknowledgedBatches);
    }

    [Fact]
    public void Compare_AcknowledgedButNotStored_FailsNamingBothSequences()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 48, 50)], [Acks("a", 50)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: acknowledged up to sequence 50 but stored only up to 48", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AcknowledgedSensorWithNothingStored_Fails()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 50, 50)], [Acks("a", 50), Acks("b", 7)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("b: acknowledged up to sequence 7, nothing stored", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FewerReadingsStoredThanTheAcknowledgedBatchesHold_Fails()
    {
        var shortChunk = Clean("a", 50, 50) with { Readings = (50 * Batch) - 1, ReadingsUpToAcked = (50 * Batch) - 1 };

        var verdict = StorageVerdict.Compare([shortChunk], [Acks("a", 50)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: 4,999 readings stored in sequences 1..50, 5,000 acknowledged", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AcksReportedFewerReadingsThanTheirSequenceCovers_Fails()
    {
        var verdict = StorageVerdict.Compare([Clean("a", 50, 50)], [new SensorAcks("a", 50, 49 * Batch)], Batch);

        Assert.False(verdict.Passed);
        Assert.Contains("a: its acks reported 4,900 readings committed", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NaiveOneReadingPerBatch_ChecksReadingsAsSequences()
    {
        var verdict = StorageVerdict.Compare([new StoredSensor("n", 1, 900, 900, 900, 900, 900)], [new SensorAcks("n", 900, 900)], readingsPerBatch: 1);

        Assert.True(verdict.Passed, verdict.Detail);
        Assert.Equal(900, verdict.AckedReadings);
    }

    [Fact]
    public void Compare_ManySensorsFailing_ListsAFewAndCountsTheRest()
    {
        var acks = Enumerable.Range(0, 8).Select(i => Acks($"s{i}", 5)).ToArray();

        var verdict = StorageVerdict.Compare([], acks, Batch);

        Assert.False(verdict.Passed);
        Assert.EndsWith("and 3 more", verdict.Detail, StringComparison.Ordinal);
    }
}
