using Ingest.Collector.DesiredState;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// How long an Upload stream may wait for its next batch: <see cref="IngestionOptions.FirstBatchTimeout"/> for the first,
/// then <see cref="IngestionOptions.BatchIdleTimeout"/>, or twice the sensor's desired upload window when that is longer
/// (a sensor ends its stream when its window is over, so an honest one never waits that long between batches).
/// </summary>
internal sealed class UploadIdleTimeouts(LastGoodOptions<IngestionOptions> options, DesiredConfigs desired)
{
    public TimeSpan First => options.Current.FirstBatchTimeout;

    /// <summary>The wait allowed after a batch of <paramref name="sensorId"/>.</summary>
    public TimeSpan After(string sensorId)
    {
        var idle = options.Current.BatchIdleTimeout;
        return desired.Find(sensorId)?.Config.UploadWindowDuration * 2 is { } window && window > idle ? window : idle;
    }
}
