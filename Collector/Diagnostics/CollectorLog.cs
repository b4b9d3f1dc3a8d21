namespace Ingest.Collector.Diagnostics;

/// <summary>The collector's log messages, with fixed event ids.</summary>
internal static partial class CollectorLog
{
    [LoggerMessage(1, LogLevel.Information, "Storage open at {Path}: {Sensors} sensors known, schema version {SchemaVersion}")]
    public static partial void StorageOpened(ILogger logger, string path, int sensors, int schemaVersion);

    [LoggerMessage(2, LogLevel.Error, "Settling {Batches} batches failed; those streams end with Unavailable and their sensors resend")]
    public static partial void CommitFailed(ILogger logger, int batches, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Storage recovered after {FailedCommits} failed commits over {Seconds:F1} s ({How})")]
    public static partial void StorageRecovered(ILogger logger, long failedCommits, double seconds, string how);

    [LoggerMessage(7, LogLevel.Error,
        "Storage writes fail: a transaction of {Batches} batches failed: {Reason}. Its streams end with Unavailable and their sensors resend; health is not-serving until a commit or a write probe (every Collector:Storage:RecoveryInterval) succeeds. Further failures are counted, not logged")]
    public static partial void StorageFailing(ILogger logger, int batches, string reason);

    [LoggerMessage(8, LogLevel.Critical,
        "The database {Path} is damaged: {Reason}. Batches that touch the damaged part fail with DataLoss, and so do queries that read it. Stop the collector and recover the file; at start it refuses the file and says how")]
    public static partial void StorageDamaged(ILogger logger, string path, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Storage recovery: the {Step} failed: {Reason}")]
    public static partial void RecoveryStepFailed(ILogger logger, string step, string reason);

    [LoggerMessage(16, LogLevel.Warning,
        "Disk space is short beside {Path}: {Free} MiB free, and the write-ahead log had grown to {Log} MiB, so it is checkpointed early to keep room for the next checkpoint (at most one such warning a minute). Free space before the disk fills")]
    public static partial void CheckpointedForSpace(ILogger logger, string path, long log, long free);

    [LoggerMessage(14, LogLevel.Information, "Integrity check of {Path} ({Mebibytes} MiB) passed in {Milliseconds} ms")]
    public static partial void IntegrityChecked(ILogger logger, string path, long mebibytes, long milliseconds);

    [LoggerMessage(15, LogLevel.Warning,
        "Integrity check of {Path} ({Mebibytes} MiB) stopped after {Timeout} (Collector:Storage:IntegrityCheckTimeout) without finding damage; the rest of the file is not checked. Check it while the collector is stopped: sqlite3 {Path} \"PRAGMA quick_check\"")]
    public static partial void IntegrityCheckStopped(ILogger logger, string path, long mebibytes, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Information, "Commit pipeline drained: {Remaining} batches were still queued at stop")]
    public static partial void PipelineDrained(ILogger logger, int remaining);

    [LoggerMessage(6, LogLevel.Warning, "Shutdown timeout reached while storage was busy: {Remaining} queued batches were not committed (nor acknowledged)")]
    public static partial void PipelineAbandoned(ILogger logger, int remaining);

    [LoggerMessage(10, LogLevel.Debug, "Sensor {SensorId} greeted: kind {Kind}, client {ClientVersion}, session {Session}, resumes after {Sequence}")]
    public static partial void Greeted(ILogger logger, string sensorId, string kind, string clientVersion, long session, long sequence);

    [LoggerMessage(20, LogLevel.Information,
        "Status: {ReadingsPerSecond:F0} readings/s, {ReadingsCommitted} readings in {BatchesCommitted} batches committed, {Duplicates} duplicate, {Rejected} rejected, {Lost} lost batches, {Uploads} uploads open, {UploadsRefused} refused by limits, {QueueDepth} queued, {Subscribers} subscribers, {ControlStreams} control streams, sensor configs {InSync} in sync, {Pending} pending, {ConfigsRejected} rejected")]
    public static partial void Status(
        ILogger logger, double readingsPerSecond, long readingsCommitted, long batchesCommitted, long duplicates, long rejected, long lost, long uploads, long uploadsRefused, int queueDepth, int subscribers,
        int controlStreams, int inSync, int pending, int configsRejected);

    [LoggerMessage(21, LogLevel.Information, "Collector {InstanceId} listening on {Endpoint} ({Transport})")]
    public static partial void Listening(ILogger logger, string instanceId, string endpoint, string transport);

    [LoggerMessage(23, LogLevel.Information, "Metrics for Prometheus on {Endpoint} (HTTP/1.1, access {Access})")]
    public static partial void MetricsListening(ILogger logger, string endpoint, string access);

    [LoggerMessage(22, LogLevel.Information, "Collector stopping: refusing new streams, draining in-flight commits")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(30, LogLevel.Warning,
        "The aggregator fell behind: {Batches} committed batches ({Total} in all) did not fit in its queue of {Capacity} and are missing from the aggregates; they are stored")]
    public static partial void AggregationFeedOverflowed(ILogger logger, long batches, long total, int capacity);

    [LoggerMessage(31, LogLevel.Error, "Sensor {SensorId}: batch {Sequence} could not be aggregated; it is stored, the aggregates miss it")]
    public static partial void AggregationFailed(ILogger logger, string sensorId, long sequence, Exception exception);

    [LoggerMessage(32, LogLevel.Error, "The aggregator's tick failed; liveness and statistics are updated on the next one")]
    public static partial void AggregationTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(40, LogLevel.Information, "Subscriber {Peer} joined: {Window} windows, {Sensors} sensors in its snapshot, updates at most every {MinUpdateInterval}")]
    public static partial void SubscriberJoined(ILogger logger, string peer, TimeSpan window, int sensors, TimeSpan minUpdateInterval);

    [LoggerMessage(41, LogLevel.Information, "Subscriber {Peer} left: {Reason}; {Sent} updates were sent after its snapshot, {Superseded} superseded before they could be")]
    public static partial void SubscriberLeft(ILogger logger, string peer, string reason, long sent, long superseded);

    [LoggerMessage(50, LogLevel.Debug, "Sensor {SensorId}: {Readings} stored readings read in {Chunks} chunks for {Peer}")]
    public static partial void ReadingsRead(ILogger logger, string sensorId, long readings, int chunks, string peer);

    [LoggerMessage(51, LogLevel.Error, "Sensor {SensorId}: reading stored readings failed")]
    public static partial void ReadingsReadFailed(ILogger logger, string sensorId, Exception exception);

    [LoggerMessage(60, LogLevel.Debug, "Control stream of {SensorId} ({Kind}) opened from {Peer}; it runs configuration version {ReportedVersion}, the desired one is {DesiredVersion}")]
    public static partial void ControlConnected(ILogger logger, string sensorId, string kind, string peer, long reportedVersion, long desiredVersion);

    [LoggerMessage(61, LogLevel.Debug, "Control stream of {SensorId} closed: {Reason}")]
    public static partial void ControlDisconnected(ILogger logger, string sensorId, string reason);

    [LoggerMessage(62, LogLevel.Information, "Control stream of {SensorId} replaced by a newer one from {Peer}")]
    public static partial void ControlReplaced(ILogger logger, string sensorId, string peer);

    [LoggerMessage(63, LogLevel.Warning,
        "{Count} control streams dropped since the last such line (at most one every {Interval}) because their sensor sent nothing for {Silence}; the latest of {SensorId}")]
    public static partial void ControlSilent(ILogger logger, long count, string sensorId, TimeSpan silence, TimeSpan interval);

    [LoggerMessage(64, LogLevel.Warning,
        "{Count} configurations rejected by their sensors since the last such line (at most one every {Interval}); the latest: {SensorId} rejected version {Version}: {Reason}")]
    public static partial void ConfigRejected(ILogger logger, long count, string sensorId, long version, string reason, TimeSpan interval);

    [LoggerMessage(66, LogLevel.Information, "Configuration override of {Scope} {Action}: {Sensors} known sensors now desire version {Version}")]
    public static partial void OverrideChanged(ILogger logger, string scope, string action, int sensors, long version);

    [LoggerMessage(67, LogLevel.Information, "Control settings reloaded: {Sensors} known sensors now desire version {Version}")]
    public static partial void ControlSettingsApplied(ILogger logger, int sensors, long version);

    [LoggerMessage(68, LogLevel.Error, "Reloaded settings of {Section} rejected, the last good ones stay: {Problem}")]
    public static partial void SettingsReloadRejected(ILogger logger, string section, string problem);

    [LoggerMessage(69, LogLevel.Error, "Reloaded control settings could not be applied; the last good ones stay")]
    public static partial void ControlSettingsFailed(ILogger logger, Exception exception);

    [LoggerMessage(70, LogLevel.Information, "Desired configuration loaded: {Overrides} overrides, {Sensors} known sensors, version {Version}; {Changed} sensors got a new version from the current settings")]
    public static partial void DesiredStateLoaded(ILogger logger, int overrides, int sensors, long version, int changed);

    [LoggerMessage(71, LogLevel.Information, "Command {Command} for {Scope}: queued for {Reached} connected sensors, skipped for {Skipped} too far behind")]
    public static partial void CommandSent(ILogger logger, string command, string scope, int reached, int skipped);

    [LoggerMessage(74, LogLevel.Warning, "Control messages ignored ({Reason}): {Count} since the last such warning (at most one every 10 s, and none between, at any level); the latest from {SensorId}: {Problem}")]
    public static partial void ControlMessagesIgnored(ILogger logger, string reason, long count, string sensorId, string problem);

    [LoggerMessage(72, LogLevel.Error, "Saving the configuration change for {Scope} failed; nothing changed")]
    public static partial void ConfigWriteFailed(ILogger logger, string scope, Exception exception);

    [LoggerMessage(90, LogLevel.Warning,
        "Sensor {SensorId}: a resend of sequence {Sequence} carries other readings than those stored under it; refused, the stored readings stay ({Conflicts} such resends so far; one line per 10 s at most)")]
    public static partial void ContentConflict(ILogger logger, string sensorId, long sequence, long conflicts);

    [LoggerMessage(92, LogLevel.Information,
        "{Sensors} sensors (the first: {SensorId}) were moved on by another collector sharing the database while this one decided their batches; decided again against what is stored (one line per 10 s at most)")]
    public static partial void SensorsMovedOnElsewhere(ILogger logger, int sensors, string sensorId);

    [LoggerMessage(93, LogLevel.Warning,
        "Lost the connection that hears other collectors' configuration changes ({Reason}); listening again in {Seconds} s, then reloading the configuration")]
    public static partial void ConfigListenerLost(ILogger logger, double seconds, string reason);

    [LoggerMessage(94, LogLevel.Information,
        "Took in a configuration change saved by another collector: {Overrides} overrides, {Sensors} sensors with a newer desired configuration (version {Version})")]
    public static partial void DesiredStateReloaded(ILogger logger, int overrides, int sensors, long version);

    [LoggerMessage(95, LogLevel.Error, "Taking in another collector's configuration change failed; the next change, or a restart, brings it")]
    public static partial void DesiredStateReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(96, LogLevel.Debug, "The fleet's totals could not be read from the shared database ({Reason}); trying again shortly")]
    public static partial void SharedTotalsUnread(ILogger logger, string reason);

    [LoggerMessage(97, LogLevel.Warning,
        "Reading where {Sensors} sensors stand in storage failed ({Reason}); their batches of a session this collector has not seen are fenced and the sensors greet again")]
    public static partial void CursorRefreshFailed(ILogger logger, int sensors, string reason);
}
