using System.Text.Json;
using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Reporting;

/// <summary>Writes the ledger file atomically: to a temporary file beside it, then moved over it.</summary>
internal static class LedgerWriter
{
    public static LedgerDocument Build(IReadOnlyList<SensorSnapshot> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var totals = FleetTotals.Of(sensors);
        return new LedgerDocument(
            sensors.Select(s => new LedgerSensor(
                s.SensorId, s.Kind, s.Sampled, s.Acked, s.Dropped, s.Rejected, s.Lost, s.Recovered, s.Unacked, s.Retries,
                s.LastSequence, s.FirstSequence, s.AckedSequence, s.DroppedBatches, s.ConfigVersion, s.Failovers)).ToArray(),
            new LedgerTotals(
                totals.Sensors, totals.Sampled, totals.Acked, totals.Rejected, totals.Dropped, totals.Lost, totals.Unacked, totals.Retries, totals.Recovered, totals.Failovers));
    }

    public static async Task WriteAsync(string path, LedgerDocument ledger, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = $"{fullPath}.{Environment.ProcessId}.tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, ledger, LedgerJsonContext.Default.LedgerDocument, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, fullPath, overwrite: true);
    }
}
