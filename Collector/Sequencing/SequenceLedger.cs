using System.Collections.Concurrent;

namespace Ingest.Collector.Sequencing;

/// <summary>
/// Every sensor's <see cref="SensorCursor"/> (settled sequence and session), as durably recorded. Loaded from
/// storage at start and advanced only by the commit pipeline after a transaction has committed; read by anyone.
/// </summary>
internal sealed class SequenceLedger
{
    private readonly ConcurrentDictionary<string, SensorCursor> _cursors = new(StringComparer.Ordinal);

    public int SensorCount => _cursors.Count;

    /// <summary>The highest settled sequence of <paramref name="sensorId"/>, 0 when it has none.</summary>
    public long Get(string sensorId) => Cursor(sensorId).Settled;

    /// <summary>Where <paramref name="sensorId"/> stands; both parts 0 for a sensor never seen.</summary>
    public SensorCursor Cursor(string sensorId) => _cursors.TryGetValue(sensorId, out var cursor) ? cursor : default;

    public void Load(IEnumerable<KeyValuePair<string, SensorCursor>> cursors)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        foreach (var (sensorId, cursor) in cursors)
        {
            _cursors[sensorId] = cursor;
        }
    }

    /// <summary>Raises the sensor's settled sequence and session to at least <paramref name="cursor"/>'s; neither goes back.</summary>
    internal void Advance(string sensorId, SensorCursor cursor) =>
        _cursors.AddOrUpdate(sensorId, cursor,
            (_, current) => new SensorCursor(Math.Max(current.Settled, cursor.Settled), Math.Max(current.Session, cursor.Session)));

    /// <summary>Forgets a sensor that never settled anything and that storage forgot.</summary>
    /// <summary>Whether the ledger holds a cursor of <paramref name="sensorId"/> (loaded, greeted or stored since start).</summary>
    public bool Knows(string sensorId) => _cursors.ContainsKey(sensorId);

    /// <summary>
    /// Drops <paramref name="sensorId"/>'s cursor if it has still settled nothing, in one step, so that a first batch
    /// settled meanwhile keeps its cursor. Returns whether it was dropped.
    /// </summary>
    public bool ForgetUnsettled(string sensorId) =>
        _cursors.TryGetValue(sensorId, out var cursor) && cursor.Settled == 0 && _cursors.TryRemove(KeyValuePair.Create(sensorId, cursor));
}
