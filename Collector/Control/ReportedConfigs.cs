using System.Collections.Concurrent;
using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Control;

/// <summary>
/// Every sensor's reported configuration, in memory only (a reconnecting sensor reports it again in its
/// hello). A change that subscribers see (versions, rejection, connection, paused) re-sends the sensor's windows.
/// </summary>
internal sealed class ReportedConfigs(IConfigChangeListener subscribers)
{
    private readonly ConcurrentDictionary<string, ReportedConfig> _sensors = new(StringComparer.Ordinal);

    /// <summary>What <paramref name="sensorId"/> reported; <see cref="ReportedConfig.None"/> when nothing since the collector started.</summary>
    public ReportedConfig Get(string sensorId) => _sensors.GetValueOrDefault(sensorId) ?? ReportedConfig.None;

    /// <summary>A control stream opened with a hello that says the sensor runs <paramref name="version"/>.</summary>
    public void Connected(string sensorId, long version, string hash, DateTimeOffset at) =>
        Update(sensorId, r => r with { Version = version, Hash = hash, Connected = true, LastSeen = at });

    public void Disconnected(string sensorId) => Update(sensorId, r => r with { Connected = false });

    /// <summary>A message arrived; only the time changes, so subscribers are not told.</summary>
    public void Seen(string sensorId, DateTimeOffset at) => Update(sensorId, r => r with { LastSeen = at }, republish: false);

    public void Applied(string sensorId, long version, string hash) => Update(sensorId, r => r with { Version = version, Hash = hash });

    public void Rejected(string sensorId, long version, string reason) =>
        Update(sensorId, r => r with { RejectedVersion = version, RejectionReason = reason });

    public void StatusReported(string sensorId, StatusReport status) =>
        Update(sensorId, r => r with { Status = status }, republish: null);

    private void Update(string sensorId, Func<ReportedConfig, ReportedConfig> change, bool? republish = true)
    {
        ReportedConfig? before = null;
        var after = _sensors.AddOrUpdate(sensorId, (_, c) => c(ReportedConfig.None), (_, current, c) =>
        {
            before = current;
            return c(current);
        }, change);

        // Null: only when the paused flag flipped.
        var paused = after.Paused != (before ?? ReportedConfig.None).Paused;
        if (republish == true || (republish is null && paused))
        {
            subscribers.ConfigChanged(sensorId);
        }
    }
}
