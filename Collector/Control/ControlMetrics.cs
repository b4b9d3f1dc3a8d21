using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Control;

/// <summary>
/// The control streams' instruments (meter <c>Ingest.Collector</c>): streams open, replaced and dropped for
/// silence, configuration updates sent, acknowledgements by outcome and how long they took, commands skipped.
/// </summary>
internal sealed class ControlMetrics
{
    private readonly Counter<long> _updatesSent;
    private readonly Counter<long> _acks;
    private readonly Histogram<double> _ackDuration;
    private readonly Counter<long> _replaced;
    private readonly Counter<long> _silent;
    private readonly Counter<long> _commandsSkipped;

    public ControlMetrics(IMeterFactory meterFactory, ControlSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(sessions);
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        meter.CreateObservableUpDownCounter("ingest.control.streams.active", () => sessions.Count, "{stream}", "Control streams open.");
        _updatesSent = meter.CreateCounter<long>("ingest.control.config_updates.sent", "{update}", "Configuration updates written to sensors.");
        _acks = meter.CreateCounter<long>("ingest.control.config_acks", "{ack}", "Configuration acknowledgements, by outcome (applied or rejected).");
        _ackDuration = meter.CreateHistogram(
            "ingest.control.config_ack.duration", "s", "From a configuration update being written to its acknowledgement.", tags: null, IngestMetrics.SecondsAdvice);
        _replaced = meter.CreateCounter<long>("ingest.control.streams.replaced", "{stream}", "Control streams ended because a newer one of the same sensor opened.");
        _silent = meter.CreateCounter<long>("ingest.control.streams.dropped", "{stream}", "Control streams dropped because the sensor was silent for three heartbeat intervals.");
        _commandsSkipped = meter.CreateCounter<long>("ingest.control.commands.skipped", "{command}", "Commands not queued because the sensor's control stream was too far behind.");
    }

    public void UpdateSent() => _updatesSent.Add(1);

    /// <summary>An acknowledgement arrived; <paramref name="elapsed"/> is null when the stream did not send that version.</summary>
    public void Acknowledged(bool applied, TimeSpan? elapsed)
    {
        _acks.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "rejected"));
        if (elapsed is { } duration)
        {
            _ackDuration.Record(duration.TotalSeconds);
        }
    }

    public void StreamReplaced() => _replaced.Add(1);

    public void StreamSilent() => _silent.Add(1);

    public void CommandSkipped() => _commandsSkipped.Add(1);
}
