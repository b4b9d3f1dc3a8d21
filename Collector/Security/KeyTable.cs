using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Security;

/// <summary>
/// The configured keys, looked up by a SHA-256 digest of the key (so a lookup's timing says nothing about
/// a key's characters). A reload of the settings that validates replaces them (a key rotation); one that
/// does not is logged as an error naming the entries at fault (never a key), and the last good keys stay.
/// </summary>
internal sealed class KeyTable
{
    private readonly ILogger<KeyTable> _logger;
    private State _state;

    public KeyTable(LastGoodOptions<SecurityOptions> settings, ILogger<KeyTable> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _logger = logger;
        _state = Build(settings.Current);
        settings.OnChange(options => Volatile.Write(ref _state, Build(options)));
    }

    public AccessMode Health => Volatile.Read(ref _state).Health;

    public AccessMode Reflection => Volatile.Read(ref _state).Reflection;

    public AccessMode Metrics => Volatile.Read(ref _state).Metrics;

    /// <summary>The caller whose key is <paramref name="key"/>; null for a key that is not configured.</summary>
    public Caller? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Volatile.Read(ref _state).Callers.GetValueOrDefault(Digest(key));
    }

    private State Build(SecurityOptions options)
    {
        var callers = new Dictionary<string, Caller>(StringComparer.Ordinal);
        foreach (var (name, entry) in options.Keys)
        {
            // The validator has refused unknown roles and duplicate keys before anything gets here.
            var role = Enum.Parse<CallerRole>(entry.Role, ignoreCase: true);
            var sensors = role == CallerRole.Sensor ? entry.Sensors.ToArray() : [];
            callers[Digest(entry.Key)] = new Caller(name, role, sensors);
        }

        var state = new State(callers.ToFrozenDictionary(StringComparer.Ordinal), options.Health, options.Reflection, options.Metrics);
        SecurityLog.KeysLoaded(_logger, callers.Count,
            callers.Values.Count(c => c.Role == CallerRole.Sensor),
            callers.Values.Count(c => c.Role == CallerRole.Viewer),
            callers.Values.Count(c => c.Role == CallerRole.Admin),
            options.Health,
            options.Reflection,
            options.Metrics);
        return state;
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private sealed record State(FrozenDictionary<string, Caller> Callers, AccessMode Health, AccessMode Reflection, AccessMode Metrics);
}
