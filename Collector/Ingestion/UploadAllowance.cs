using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// What one Upload stream may send: its first batch takes a stream slot of its sensor (released when the
/// stream ends, however it ends), and every batch takes its readings from the sensor's rate bucket.
/// </summary>
internal sealed class UploadAllowance(
    SensorStreamLimit streams,
    SensorReadingRate rate,
    LastGoodOptions<IngestionOptions> options,
    IngestMetrics metrics,
    RefusalLog refusals,
    ILogger logger,
    string peer) : IDisposable
{
    private string? _sensorId;

    /// <summary>
    /// Admits a batch of <paramref name="readings"/> from <paramref name="sensorId"/> before it is stored (0 for a
    /// batch that is rejected, which takes the stream slot but nothing of the rate); throws ResourceExhausted
    /// with a retry hint when a limit refuses it (nothing of it is stored then).
    /// </summary>
    public void Admit(string sensorId, int readings)
    {
        if (_sensorId is null)
        {
            if (!streams.TryOpen(sensorId, out var limit))
            {
                Refuse(UploadRefusalReason.SensorStreams,
                    $"sensor {sensorId} already has {limit} upload streams open, the most Collector:Ingestion:MaxUploadStreamsPerSensor allows; end one, or send its batches on one stream",
                    options.Current.RetryAfter);
            }

            _sensorId = sensorId;
        }

        if (!rate.TryTake(sensorId, readings, out var perSecond, out var retryAfter))
        {
            Refuse(UploadRefusalReason.SensorRate,
                $"sensor {sensorId} is over Collector:Ingestion:MaxReadingsPerSecondPerSensor ({perSecond}/s); this batch of {readings} readings is not stored, the batches before it are",
                retryAfter);
        }
    }

    public void Dispose()
    {
        if (_sensorId is { } sensorId)
        {
            _sensorId = null;
            streams.Close(sensorId);
        }
    }

    private void Refuse(string reason, string message, TimeSpan retryAfter)
    {
        metrics.UploadRefused(reason);
        if (refusals.Count(RefusalLog.SensorLimit) is var count and > 0)
        {
            PacedLog.SensorLimitsReached(logger, count, peer, reason, message, refusals.Interval);
        }

        throw RpcErrors.ResourceExhausted(message, retryAfter);
    }
}
