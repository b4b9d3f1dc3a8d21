using System.Collections.Concurrent;

namespace Ingest.Collector.Sequencing;

/// <summary>
/// The highest settled sequence of every sensor, as durably recorded. Loaded from storage at start and
/// advanced only by the commit pipeline after a transaction has committed; read by anyone.
/// </summary>
internal sealed class SequenceLedger
{
    private readonly ConcurrentDictionary<string, long> _settled = new(StringComparer.Ordinal);

    public int SensorCount => _settled.Count;

    /// <summary>The highest settled sequence of <paramref name="sensorId"/>, 0 when it has none.</summary>
    public long Get(string sensorId) => _settled.TryGetValue(sensorId, out var sequence) ? sequence : 0;

    public void Load(IEnumerable<KeyValuePair<string, long>> settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        foreach (var (sensorId, sequence) in settled)
        {
            _settled[sensorId] = sequence;
        }
    }

    internal void Advance(string sensorId, long sequence) =>
        _settled.AddOrUpdate(sensorId, sequence, (_, current) => Math.Max(current, sequence));
}
