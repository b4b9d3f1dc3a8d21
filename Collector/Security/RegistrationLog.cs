namespace Ingest.Collector.Security;

/// <summary>The log lines of sensor registrations and forgetting (event ids 220–229).</summary>
internal static partial class RegistrationLog
{
    [LoggerMessage(220, LogLevel.Warning, "New sensor ids refused ({Reason}): {Count} since the last such warning (at most one every {Interval}, and none between, at any level); the latest: {SensorId} of key {KeyName}: {Detail}")]
    public static partial void RegistrationsRefused(ILogger logger, string reason, long count, TimeSpan interval, string sensorId, string keyName, string detail);

    [LoggerMessage(222, LogLevel.Information, "Forgot {Count} sensor ids that never stored anything and were last seen before {Horizon:o}")]
    public static partial void SensorsForgotten(ILogger logger, int count, DateTimeOffset horizon);

    [LoggerMessage(223, LogLevel.Warning, "Forgetting unused sensor ids failed; trying again at the next sweep")]
    public static partial void ForgettingFailed(ILogger logger, Exception exception);
}
