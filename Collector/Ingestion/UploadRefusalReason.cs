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

    /// <summary>
    /// Storage failed to commit a batch of the stream (or the collector stopped first): the stream ends with Unavailable and
    /// nothing uncommitted is acknowledged; the sensor greets again and resends.
    /// </summary>
    public const string StorageUnavailable = "storage_unavailable";
}
