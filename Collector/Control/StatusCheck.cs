using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Control;

/// <summary>What a sensor's status report must hold before the collector records and shows it.</summary>
internal static class StatusCheck
{
    // The range a protobuf Timestamp may hold: years 1 to 9999.
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    /// <summary>Returns why <paramref name="status"/> cannot be recorded, or null when it can.</summary>
    public static string? Problem(Wire.SensorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.At is { } at && (at.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds || at.Nanos is < 0 or > 999_999_999))
        {
            return $"status time ({at.Seconds} s, {at.Nanos} ns) is not a valid timestamp";
        }

        if (!double.IsFinite(status.BufferFill) || status.BufferFill is < 0 or > 1)
        {
            return $"buffer_fill is {status.BufferFill}; it is a fraction from 0 to 1";
        }

        return double.IsFinite(status.ReadingsPerSecond) && status.ReadingsPerSecond >= 0
            ? null
            : $"readings_per_second is {status.ReadingsPerSecond}; it must be a finite number, 0 or more";
    }
}
