using System.Collections.Concurrent;

namespace Ingest.Collector.Sensors;

/// <summary>The kind of every sensor the collector knows, from storage and from greetings.</summary>
internal sealed class SensorDirectory
{
    private readonly ConcurrentDictionary<string, string> _kinds = new(StringComparer.Ordinal);

    public int Count => _kinds.Count;

    /// <summary>The sensor's kind; empty when it never said.</summary>
    public string KindOf(string sensorId) => _kinds.TryGetValue(sensorId, out var kind) ? kind : "";

    /// <summary>Records a sensor's kind; an empty kind does not overwrite a known one.</summary>
    public void Register(string sensorId, string kind)
    {
        if (kind.Length == 0)
        {
            _kinds.TryAdd(sensorId, kind);
        }
        else
        {
            _kinds[sensorId] = kind;
        }
    }

    /// <summary>Forgets a sensor the collector no longer knows.</summary>
    public void Forget(string sensorId) => _kinds.TryRemove(sensorId, out _);
}
