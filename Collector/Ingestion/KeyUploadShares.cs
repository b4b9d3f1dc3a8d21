using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// The upload slots each key holds, against its share (<see cref="IngestionOptions.UploadSharePerKeyPercent"/> of the
/// collector's <see cref="UploadGate.Limit"/>, or fewer for a key bound only to exact sensor ids), so that one key
/// cannot take every slot and lock the rest of the fleet out. Checked at the call's headers, before its body is read.
/// An entry lives only while its key holds a slot, so the table holds at most one entry per configured key.
/// </summary>
internal sealed class KeyUploadShares(UploadGate gate, LastGoodOptions<IngestionOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>The most streams <paramref name="caller"/> may hold open at once.</summary>
    public int ShareOf(Caller? caller)
    {
        var limits = options.Current;
        var share = Math.Max(1, (int)((long)gate.Limit * limits.UploadSharePerKeyPercent / 100));
        if (caller is { Sensors.Count: > 0 } && caller.Sensors.All(pattern => !pattern.Contains(SensorPattern.Wildcard, StringComparison.Ordinal)))
        {
            share = (int)Math.Min(share, (long)caller.Sensors.Count * limits.MaxUploadStreamsPerSensor);
        }

        return share;
    }

    /// <summary>Streams the key named <paramref name="key"/> holds open now.</summary>
    public int OpenBy(string key)
    {
        lock (_open)
        {
            return _open.GetValueOrDefault(key);
        }
    }

    /// <summary>Takes a slot of the caller's key; false (and its share) when the key already holds its share.</summary>
    public bool TryEnter(Caller? caller, out int share)
    {
        share = ShareOf(caller);
        var key = KeyOf(caller);
        lock (_open)
        {
            var count = _open.GetValueOrDefault(key);
            if (count >= share)
            {
                return false;
            }

            _open[key] = count + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit(Caller? caller)
    {
        var key = KeyOf(caller);
        lock (_open)
        {
            if (!_open.TryGetValue(key, out var count))
            {
                return;
            }

            if (count <= 1)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key] = count - 1;
            }
        }
    }

    /// <summary>The key's entry name; a call without an admitted key (refused at its first batch) counts under an empty name.</summary>
    private static string KeyOf(Caller? caller) => caller?.Name ?? "";
}
