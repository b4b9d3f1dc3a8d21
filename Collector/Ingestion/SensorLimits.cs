using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>The per-sensor limits of the ingest path: streams open at once and readings per second.</summary>
internal sealed class SensorLimits(
    SensorStreamLimit streams,
    SensorReadingRate rate,
    LastGoodOptions<IngestionOptions> options,
    IngestMetrics metrics,
    RefusalLog refusals,
    ILogger<SensorLimits> logger)
{
    /// <summary>The limits of one Upload stream (or Write call); dispose it when the call ends.</summary>
    public UploadAllowance Open(string peer) => new(streams, rate, options, metrics, refusals, logger, peer);
}
