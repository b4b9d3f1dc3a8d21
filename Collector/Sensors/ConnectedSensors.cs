namespace Ingest.Collector.Sensors;

/// <summary>The distinct sensors with at least one Upload stream open.</summary>
internal sealed class ConnectedSensors
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _streams = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>A stream of <paramref name="sensorId"/> opened (counted from its first batch).</summary>
    public void Opened(string sensorId)
    {
        lock (_gate)
        {
            _streams[sensorId] = _streams.GetValueOrDefault(sensorId) + 1;
        }
    }

    /// <summary>A stream of <paramref name="sensorId"/> that was counted by <see cref="Opened"/> ended.</summary>
    public void Closed(string sensorId)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(sensorId, out var streams))
            {
                if (streams <= 1)
                {
                    _streams.Remove(sensorId);
                }
                else
                {
                    _streams[sensorId] = streams - 1;
                }
            }
        }
    }
}
