using Ingest.Collector.Settings;
namespace Ingest.Collector.Ingestion;

/// <summary>The <c>reason</c> tag of the <c>ingest.uploads.refused</c> metric: which limit refused an upload, or that storage could not take it.</summary>
internal static class UploadRefusalReason
{
    /// <summary><see cref="IngestionOptions.MaxConcurrentUploads"/>.</summary>
    public const string ConcurrentUploads = "concurrent_uploads";

    /// <summary><see cref="IngestionOptions.MaxUploadStreamsPerSensor"/>.</summary>
    public const string SensorStreams = "sensor_streams";

    /// <summary><see cref="IngestionOptions.MaxReadingsPerSecondPerSensor"/>.</summary>
    public const string SensorRate = "sensor_rate";

    /// <summary><see cref="IngestionOptions.UploadSharePerKeyPercent"/>: the key already holds its share of upload slots.</summary>
    public const string KeyShare = "key_share";

    /// <summary><see cref="IngestionOptions.BufferedBytesWaitTimeout"/>: no room in <see cref="IngestionOptions.MaxBufferedBytes"/> in time.</summary>
    public const string BufferedBytes = "buffered_bytes";

    /// <summary>
    /// <see cref="IngestionOptions.FirstBatchTimeout"/> or <see cref="IngestionOptions.BatchIdleTimeout"/>: the stream sent
    /// no batch in time and was ended with DeadlineExceeded.
    /// </summary>
    public const string IdleStream = "idle_stream";

    /// <summary>
    /// Storage failed to commit a batch of the stream (or the collector stopped first): the stream ends with Unavailable and
    /// nothing uncommitted is acknowledged; the sensor greets again and resends.
    /// </summary>
    public const string StorageUnavailable = "storage_unavailable";
}
