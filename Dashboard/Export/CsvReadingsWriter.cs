using System.Globalization;

namespace Ingest.Dashboard.Export;

/// <summary>
/// Writes readings as CSV: a <c>timestamp,value</c> header, then one line per reading with the time in ISO 8601
/// UTC to the microsecond and the value in its shortest round-trip invariant form.
/// </summary>
internal static class CsvReadingsWriter
{
    public const string Header = "timestamp,value";

    /// <summary>
    /// Writes the header and every reading; returns how many readings were written. The header waits for the
    /// first reading (or the end of an empty stream), so that a call that fails at once writes nothing.
    /// </summary>
    public static async Task<long> WriteAsync(
        IAsyncEnumerable<StoredReading> readings, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        await foreach (var reading in readings.WithCancellation(cancellationToken))
        {
            if (count == 0)
            {
                await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
            }

            await writer.WriteLineAsync(FormatLine(reading).AsMemory(), cancellationToken);
            count++;
        }

        if (count == 0)
        {
            await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    public static string FormatLine(StoredReading reading) =>
        FormatTimestamp(reading.TimestampMicros) + "," + reading.Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> of <paramref name="unixMicros"/>.</summary>
    public static string FormatTimestamp(long unixMicros) =>
        DateTime.UnixEpoch.AddTicks(unixMicros * TimeSpan.TicksPerMicrosecond)
            .ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
