namespace Ingest.SensorSimulator.Model;

/// <summary>One reading: its event time in microseconds since the Unix epoch, and its value.</summary>
internal readonly record struct Reading(long TimestampMicros, double Value)
{
    /// <summary>Microseconds since the Unix epoch of <paramref name="time"/>.</summary>
    public static long ToUnixMicros(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
