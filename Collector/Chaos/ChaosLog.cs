namespace Ingest.Collector.Chaos;

/// <summary>Log messages of Collector:Chaos (event ids 130–139).</summary>
internal static partial class ChaosLog
{
    [LoggerMessage(130, LogLevel.Warning,
        "Collector:Chaos is ON: commit faults {CommitFaultRate:P0}, commit latency {CommitLatencyRate:P0} of {CommitLatency}, acks dropped after commit {DropAckRate:P0}, streams aborted after {AbortAfterBatches} batches (0 = never) and after {AbortRate:P0} of batches")]
    public static partial void Enabled(ILogger logger, double commitFaultRate, double commitLatencyRate, TimeSpan commitLatency, double dropAckRate, int abortAfterBatches, double abortRate);

    [LoggerMessage(131, LogLevel.Warning, "Chaos injected ({Kind}): {Detail}")]
    public static partial void Injected(ILogger logger, string kind, string detail);

    [LoggerMessage(132, LogLevel.Warning, "Chaos injected ({Kind}) into the Upload stream of {SensorId}")]
    public static partial void StreamInjected(ILogger logger, string kind, string sensorId);

    [LoggerMessage(133, LogLevel.Warning,
        "Collector:Chaos rates changed: commit faults {CommitFaultRate:P0}, commit latency {CommitLatencyRate:P0} of {CommitLatency}, acks dropped after commit {DropAckRate:P0}, streams aborted after {AbortAfterBatches} batches (0 = never) and after {AbortRate:P0} of batches")]
    public static partial void RatesChanged(ILogger logger, double commitFaultRate, double commitLatencyRate, TimeSpan commitLatency, double dropAckRate, int abortAfterBatches, double abortRate);

    [LoggerMessage(134, LogLevel.Warning,
        "Collector:Chaos:Enabled is {Enabled} in the reloaded settings but {EnabledAtStart} since start; chaos is switched on or off only at start, the rates change live")]
    public static partial void EnabledChangeIgnored(ILogger logger, bool enabled, bool enabledAtStart);
}
