using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// Counts the Upload streams each sensor id holds open and refuses one more than
/// <see cref="IngestionOptions.MaxUploadStreamsPerSensor"/>. An entry lives only while its count is above
/// zero, so the table holds at most one entry per open stream (bounded by the collector's upload gate).
/// </summary>
internal sealed class SensorStreamLimit(LastGoodOptions<IngestionOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Sensors with at least one stream open.</summary>
    public int SensorCount
    {
        get
        {
            lock (_open)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Takes a stream slot of <paramref name="sensorId"/>; false when its limit is reached.</summary>
    public bool TryOpen(string sensorId, out int limit)
    {
        limit = options.Current.MaxUploadStreamsPerSensor;
        lock (_open)
        {
            _open.TryGetValue(sensorId, out var count);
            if (count >= limit)
            {
                return false;
            }

            _open[sensorId] = count + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryOpen"/>.</summary>
    public void Close(string sensorId)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(sensorId, out var count))
            {
                return;
            }

            if (count <= 1)
            {
                _open.Remove(sensorId);
            }
            else
            {
                _open[sensorId] = count - 1;
            }
        }
    }
}
