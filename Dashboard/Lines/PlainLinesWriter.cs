using System.Globalization;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Lines;

/// <summary>
/// The view when standard output is not a terminal: one line of <c>key=value</c> text per update and per
/// connection change, each starting with the time it arrived (ISO 8601 UTC).
/// </summary>
internal sealed class PlainLinesWriter : IFeedObserver
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly string _address;

    public PlainLinesWriter(TextWriter output, TimeProvider time, string address)
    {
        _output = output;
        _time = time;
        _address = address;
    }

    public void OnConnected(CollectorIdentity collector) => Write(ConnectedText(collector, _address));

    public void OnUpdate(DashboardUpdate update) => Write(Format(update));

    public void OnRetrying(RetryNotice notice) => Write(RetryingText(notice));

    public static string Format(DashboardUpdate update) => update switch
    {
        WindowUpdate { Aggregate: var w } =>
            $"window sensor={w.SensorId} kind={w.Kind} status={SensorStatusNames.Name(w)} " +
            $"start={(w.RejectedOnly ? "-" : Time(w.WindowStart))} count={w.Count} min={Number(w.Min)} mean={Number(w.Mean)} max={Number(w.Max)} " +
            $"last={Number(w.Last)} rate={Number(w.ReadingsPerSecond)} " +
            $"config={ConfigVersions(w.DesiredConfigVersion, w.ReportedConfigVersion)} " +
            $"config_state={ConfigStateNames.Name(w.ConfigState)} " +
            $"paused={(w.Paused ? "true" : "false")} " +
            $"rejected={w.RejectedBatches} last_rejection={Quoted(w.LastRejection)}",
        SnapshotCompleted completed => $"snapshot_complete sensors={completed.SensorCount}",
        StatisticsUpdate { Totals: var t } =>
            $"statistics rate={Number(t.ReadingsPerSecond)} committed={t.ReadingsCommitted} duplicates={t.DuplicateBatches} " +
            $"rejects={t.RejectedBatches} losses={t.LostBatches} late={t.LateReadings} live={t.SensorsLive} " +
            $"stale={t.SensorsStale} offline={t.SensorsOffline} uploading={t.SensorsConnected} subscribers={t.Subscribers}",
        HeartbeatUpdate => "heartbeat",
        _ => throw new ArgumentOutOfRangeException(nameof(update), update, "unknown update"),
    };

    public static string ConnectedText(CollectorIdentity collector, string address)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return $"connected collector={collector.InstanceId} version={collector.Version} address={address}";
    }

    public static string RetryingText(RetryNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"reconnecting failed_attempts={notice.FailedAttempts} " +
               $"retry_in={notice.Delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s " +
               $"reason={Quoted(notice.Reason)}";
    }

    /// <summary><c>desired/reported</c>, with a <c>*</c> while they differ; <c>-</c> while both are 0.</summary>
    public static string ConfigVersions(ulong desired, ulong reported) =>
        (desired, reported) switch
        {
            (0, 0) => "-",
            _ when desired == reported => $"{desired}/{reported}",
            _ => $"{desired}/{reported}*",
        };

    /// <summary>A text value in double quotes, with its own double quotes made single so that the line still splits.</summary>
    private static string Quoted(string text) => $"\"{text.Replace("\"", "'", StringComparison.Ordinal)}\"";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    private void Write(string text)
    {
        _output.WriteLine($"{Time(_time.GetUtcNow())} {text}");
        _output.Flush();
    }
}
