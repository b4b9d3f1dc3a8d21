using System.Collections.Concurrent;
using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Control;

/// <summary>The open control stream of each sensor: one per sensor, a newer one replaces the older.</summary>
internal sealed class ControlSessions : IConfigChangeListener
{
    private readonly ConcurrentDictionary<string, ControlSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>The open sessions, in no particular order.</summary>
    public ICollection<ControlSession> All => _sessions.Values;

    public ControlSession? Find(string sensorId) => _sessions.GetValueOrDefault(sensorId);

    /// <summary>The desired configuration of a sensor changed: its open stream, if any, sends it.</summary>
    public void ConfigChanged(string sensorId) => Find(sensorId)?.ConfigChanged();

    /// <summary>Makes <paramref name="session"/> its sensor's current one; returns the one it replaced, if any.</summary>
    public ControlSession? Register(ControlSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ControlSession? replaced = null;
        _sessions.AddOrUpdate(session.SensorId, session, (_, current) =>
        {
            replaced = current;
            return session;
        });
        return replaced;
    }

    /// <summary>Removes <paramref name="session"/> if it is still its sensor's current one; true when it was.</summary>
    public bool Unregister(ControlSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _sessions.TryRemove(KeyValuePair.Create(session.SensorId, session));
    }
}
