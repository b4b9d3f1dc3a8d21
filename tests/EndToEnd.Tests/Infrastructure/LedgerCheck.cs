using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The ledger after a finished run: the simulator's summary accounts for every sampled reading and agrees with its
/// ledger file, and what the collector stored is, sensor by sensor, exactly what was acknowledged, once.
/// </summary>
internal static class LedgerCheck
{
    /// <summary>Asserts the ledger of a run in which every sensor recovered: nothing dropped, nothing left unacked.</summary>
    public static SummaryLine AssertEverythingAckedStoredOnce(Pipeline pipeline, ManagedProcess simulator, int sensors, ITestOutputHelper output)
    {
        var summary = SummaryLine.Parse(simulator.Lines.Last(line => line.Length > 0));
        var ledger = SimulatorLedger.Read(pipeline.LedgerPath);
        var stored = pipeline.Stored.BySensor();
        output.WriteLine($"{summary}; stored {stored.Values.Sum(s => s.Readings)} readings in {stored.Values.Sum(s => s.Chunks)} chunks");

        Assert.Equal(summary.Sampled, summary.Acked + summary.Dropped + summary.Unacked);
        Assert.Equal(new SummaryLine(ledger.Totals.Sensors, ledger.Totals.Sampled, ledger.Totals.Acked, ledger.Totals.Dropped, ledger.Totals.Unacked, ledger.Totals.Retries), summary);
        Assert.Equal(sensors, summary.Sensors);
        Assert.True(summary.Sampled > 0, "the simulator sampled nothing");
        Assert.Equal(0, summary.Dropped);
        Assert.Equal(0, summary.Unacked);

        Assert.Equal(sensors, stored.Count);
        foreach (var sensor in ledger.Sensors)
        {
            Assert.True(stored.TryGetValue(sensor.SensorId, out var chunks), $"nothing stored for {sensor.SensorId}");
            Assert.Equal(sensor.Acked, chunks.Readings);
            Assert.Equal(chunks.Chunks, chunks.DistinctSequences);
            Assert.Equal(1, chunks.MinSequence);
            Assert.Equal(sensor.LastSequence, chunks.MaxSequence);
            Assert.Equal(sensor.LastSequence, chunks.Chunks);
        }

        Assert.Equal(summary.Acked, stored.Values.Sum(s => s.Readings));
        Assert.Equal(0, pipeline.Stored.Count("gaps"));
        Assert.Equal(0, pipeline.Stored.Count("rejects"));
        return summary;
    }
}
