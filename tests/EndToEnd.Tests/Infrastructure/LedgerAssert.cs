using Ingest.SensorSimulator.Reporting;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The assertions every fault test makes on its run's ledger: the simulator accounts for every reading it
/// sampled, and the collector stored every acknowledged reading exactly once.
/// </summary>
internal static class LedgerAssert
{
    /// <summary>
    /// The simulator's summary line (its last line of output) agrees with its ledger file and accounts for every
    /// sampled reading: sampled = acked + rejected + dropped + lost + unacked. Returns the ledger.
    /// </summary>
    public static LedgerDocument Accounted(ManagedProcess simulator, string ledgerPath)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var summary = SummaryLine.Parse(simulator.Lines.Last(line => line.Length > 0));
        var ledger = SimulatorLedger.Read(ledgerPath);
        var totals = ledger.Totals;
        Assert.True(summary.Balances, $"the summary does not balance: {summary}");
        Assert.Equal(
            new SummaryLine(totals.Sensors, totals.Sampled, totals.Acked, totals.Rejected, totals.Dropped, totals.Lost, totals.Unacked, totals.Retries, totals.Recovered, totals.Failovers),
            summary);
        Assert.True(summary.Sampled > 0, "the simulator sampled nothing");
        return ledger;
    }

    /// <summary>
    /// No (sensor, sequence) is stored twice, every sensor's stored sequences run 1..n without a hole, and the
    /// collector recorded no loss and rejected nothing.
    /// </summary>
    public static void StoredOnceWithoutGaps(StoredReadings stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Assert.Equal(0, stored.DuplicatedPairs());
        foreach (var (sensor, chunks) in stored.BySensor())
        {
            Assert.True(chunks.Chunks == chunks.DistinctSequences, $"{sensor}: {chunks.Chunks} chunks for {chunks.DistinctSequences} sequences");
            Assert.True(chunks.MinSequence == 1, $"{sensor}: the first stored sequence is {chunks.MinSequence}");
            Assert.True(chunks.MaxSequence == chunks.Chunks, $"{sensor}: {chunks.Chunks} sequences stored up to {chunks.MaxSequence}");
        }

        Assert.Equal(0, stored.Count("gaps"));
        Assert.Equal(0, stored.Count("rejects"));
    }

    /// <summary>
    /// One simulator process of <paramref name="sensors"/> sensors ran against the pipeline from the start and
    /// finished with nothing unacknowledged or dropped: each sensor's acknowledged readings are exactly the
    /// readings stored for it, once each, up to the last sequence it sealed. Returns the ledger.
    /// </summary>
    public static LedgerDocument ExactlyOnce(ManagedProcess simulator, Pipeline pipeline, int sensors)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var ledger = Accounted(simulator, pipeline.LedgerPath);
        Assert.Equal(sensors, ledger.Totals.Sensors);
        Assert.Equal(0, ledger.Totals.Unacked);
        Assert.Equal(0, ledger.Totals.Dropped);
        StoredOnceWithoutGaps(pipeline.Stored);

        var stored = pipeline.Stored.BySensor();
        Assert.Equal(sensors, stored.Count);
        foreach (var sensor in ledger.Sensors)
        {
            Assert.True(stored.TryGetValue(sensor.SensorId, out var chunks), $"nothing stored for {sensor.SensorId}");
            Assert.True(sensor.Acked == chunks.Readings, $"{sensor.SensorId}: {sensor.Acked} readings acknowledged, {chunks.Readings} stored");
            Assert.True((long)sensor.LastSequence == chunks.MaxSequence, $"{sensor.SensorId}: sealed up to {sensor.LastSequence}, stored up to {chunks.MaxSequence}");
        }

        Assert.Equal(ledger.Totals.Acked, stored.Values.Sum(s => s.Readings));
        return ledger;
    }

    /// <summary>
    /// A simulator process started after another of the same sensors was killed: each sensor resumed after every
    /// sequence stored when the killed one died (<paramref name="storedAtKill"/>), and the readings acknowledged to the
    /// new process are exactly the readings stored after its resume point, up to the last sequence it sealed.
    /// </summary>
    public static void ResumedExactly(
        LedgerDocument ledger, ManagedProcess simulator, StoredReadings stored, IReadOnlyDictionary<string, SensorChunks> storedAtKill, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedAtKill);
        ArgumentNullException.ThrowIfNull(log);
        var resumedAfter = ResumePoints.Of(simulator);
        Assert.Equal(ledger.Sensors.Count, resumedAfter.Count);
        var now = stored.BySensor();
        var storedAfter = stored.ReadingsAfter(resumedAfter);
        foreach (var sensor in ledger.Sensors)
        {
            var id = sensor.SensorId;
            log($"{id}: stored up to {storedAtKill[id].MaxSequence} at the kill, resumed after {resumedAfter[id]}, sealed up to {sensor.LastSequence}; {sensor.Acked} acked, {storedAfter[id]} stored after the restart");
            Assert.True(resumedAfter[id] >= storedAtKill[id].MaxSequence, $"{id} resumed after {resumedAfter[id]}, below the {storedAtKill[id].MaxSequence} stored before");
            Assert.True(sensor.Acked > 0, $"{id} acknowledged nothing after the restart");
            Assert.True(sensor.Acked == storedAfter[id], $"{id}: {sensor.Acked} readings acknowledged to the new process, {storedAfter[id]} of its readings stored");
            Assert.Equal((long)sensor.LastSequence, now[id].MaxSequence);
        }
    }
}
