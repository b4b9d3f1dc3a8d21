using System.Text.Json;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Lines;

/// <summary>
/// <c>--json</c>: one JSON object per update on standard output, each with a <c>type</c> (window,
/// snapshot_complete, statistics, heartbeat). Connection notices go to standard error as text.
/// </summary>
internal sealed class JsonLinesWriter : IFeedObserver
{
    private readonly TextWriter _output;
    private readonly TextWriter _notices;
    private readonly string _address;

    public JsonLinesWriter(TextWriter output, TextWriter notices, string address)
    {
        _output = output;
        _notices = notices;
        _address = address;
    }

    public void OnConnected(CollectorIdentity collector) =>
        Notice(PlainLinesWriter.ConnectedText(collector, _address));

    public void OnRetrying(RetryNotice notice) => Notice(PlainLinesWriter.RetryingText(notice));

    public void OnUpdate(DashboardUpdate update)
    {
        _output.WriteLine(Format(update));
        _output.Flush();
    }

    public static string Format(DashboardUpdate update) => update switch
    {
        WindowUpdate { Aggregate: var w } => JsonSerializer.Serialize(
            new WindowLine(
                w.SensorId, w.Kind, SensorStatusNames.Name(w), w.RejectedOnly ? null : w.WindowStart.UtcDateTime, w.Window.TotalSeconds,
                w.Closed, w.Count, w.Min, w.Max, w.Mean, w.Last, w.ReadingsPerSecond, w.DesiredConfigVersion, w.ReportedConfigVersion,
                ConfigStateNames.Name(w.ConfigState), w.Paused, w.RejectedBatches, w.LastRejection),
            LinesJsonContext.Default.WindowLine),
        SnapshotCompleted completed => JsonSerializer.Serialize(
            new SnapshotCompleteLine(completed.SensorCount), LinesJsonContext.Default.SnapshotCompleteLine),
        StatisticsUpdate { Totals: var t } => JsonSerializer.Serialize(
            new StatisticsLine(
                t.At.UtcDateTime, t.CollectorInstanceId, t.CollectorVersion, t.ReadingsPerSecond, t.ReadingsCommitted,
                t.BatchesCommitted, t.DuplicateBatches, t.RejectedBatches, t.LostBatches, t.LateReadings,
                t.SensorsConnected, t.SensorsLive, t.SensorsStale, t.SensorsOffline, t.Subscribers),
            LinesJsonContext.Default.StatisticsLine),
        HeartbeatUpdate heartbeat => JsonSerializer.Serialize(
            new HeartbeatLine(heartbeat.At.UtcDateTime), LinesJsonContext.Default.HeartbeatLine),
        _ => throw new ArgumentOutOfRangeException(nameof(update), update, "unknown update"),
    };

    private void Notice(string text)
    {
        _notices.WriteLine(text);
        _notices.Flush();
    }
}
