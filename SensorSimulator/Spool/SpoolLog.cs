using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Spool;

/// <summary>Every log line the spool writes, with fixed event ids (60–79). None per batch.</summary>
internal static partial class SpoolLog
{
    [LoggerMessage(60, LogLevel.Information,
        "Spool {Path} opened: {Segments} segments ({Megabytes:F1} MB), {Sensors} sensors, {Unsettled} unsettled batches to resend, " +
        "{Unkept} unsettled batches kept as a count only, to report lost, {Corrupt} corrupt records skipped")]
    public static partial void Opened(
        this ILogger logger, string path, int segments, double megabytes, int sensors, int unsettled, int unkept, int corrupt);

    [LoggerMessage(61, LogLevel.Information,
        "Spool segment {Segment}: truncated a record cut off by a crash ({Bytes} bytes at offset {Offset}); it was never acknowledged as durable")]
    public static partial void TornTailTruncated(this ILogger logger, string segment, long bytes, long offset);

    [LoggerMessage(62, LogLevel.Error,
        "Spool segment {Segment} is damaged: skipped {Bytes} bytes at offset {Offset} that fail their checksum; " +
        "the batches they held are lost unless the collector stored them before")]
    public static partial void CorruptionSkipped(this ILogger logger, string segment, long bytes, long offset);

    [LoggerMessage(63, LogLevel.Error, "Spool segment {Segment} could not be read and is skipped")]
    public static partial void SegmentUnreadable(this ILogger logger, Exception exception, string segment);

    [LoggerMessage(64, LogLevel.Error,
        "Spool {Path}: writing {Batches} batches failed; their appends fail and the spool goes on in a new segment")]
    public static partial void WriteFailed(this ILogger logger, Exception exception, string path, int batches);

    [LoggerMessage(65, LogLevel.Warning, "Spool {Path}: giving space back failed; it is tried again after the next write")]
    public static partial void ReclaimFailed(this ILogger logger, Exception exception, string path);

    [LoggerMessage(66, LogLevel.Debug,
        "Spool segment {Segment} compacted: {Batches} unsettled batches ({Bytes} bytes) copied to the head before it was deleted")]
    public static partial void SegmentCompacted(this ILogger logger, string segment, int batches, long bytes);

    [LoggerMessage(67, LogLevel.Debug, "Spool segment {Segment} deleted ({Bytes} bytes): every batch in it is settled")]
    public static partial void SegmentDeleted(this ILogger logger, string segment, long bytes);

    [LoggerMessage(68, LogLevel.Information,
        "Spool {Path} closed: {Appends} batches appended with {Fsyncs} fsyncs, {LiveBytes} bytes of unsettled batches kept for the next start")]
    public static partial void Closed(this ILogger logger, string path, long appends, long fsyncs, long liveBytes);
}
