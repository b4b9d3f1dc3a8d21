using Ingest.Collector.DesiredState;

namespace Ingest.Collector.Control;

/// <summary>Combines a sensor's desired and reported configuration into what dashboards and operators see.</summary>
internal sealed class SensorConfigLookup(DesiredConfigs desired, ReportedConfigs reported)
{
    /// <summary>The sensor's configuration versions and state now; all zero and pending for a sensor never seen.</summary>
    public SensorConfigSummary Find(string sensorId)
    {
        var reportedConfig = reported.Get(sensorId);
        return desired.Find(sensorId) is { } desiredConfig
            ? new SensorConfigSummary(desiredConfig.Version, reportedConfig.Version, StateOf(desiredConfig, reportedConfig), reportedConfig.Paused)
            : new SensorConfigSummary(0, reportedConfig.Version, ConfigSyncState.Pending, reportedConfig.Paused);
    }

    /// <summary>How many known sensors are in sync, pending and rejected.</summary>
    public (int InSync, int Pending, int Rejected) Count()
    {
        int inSync = 0, pending = 0, rejected = 0;
        foreach (var config in desired.Sensors)
        {
            switch (StateOf(config, reported.Get(config.SensorId)))
            {
                case ConfigSyncState.InSync:
                    inSync++;
                    break;
                case ConfigSyncState.Rejected:
                    rejected++;
                    break;
                default:
                    pending++;
                    break;
            }
        }

        return (inSync, pending, rejected);
    }

    /// <summary>
    /// In sync when the sensor reports the desired version with the desired hash; rejected when the last
    /// version it rejected is the desired one; pending otherwise (also while it is not connected).
    /// </summary>
    public static ConfigSyncState StateOf(DesiredConfig desired, ReportedConfig reported)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(reported);
        if (reported.Version == desired.Version && string.Equals(reported.Hash, desired.Hash, StringComparison.Ordinal))
        {
            return ConfigSyncState.InSync;
        }

        return reported.RejectedVersion == desired.Version ? ConfigSyncState.Rejected : ConfigSyncState.Pending;
    }
}
