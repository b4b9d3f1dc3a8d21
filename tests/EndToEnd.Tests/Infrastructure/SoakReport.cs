using System.Globalization;
using System.Text;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The soak's markdown report: settings, faults injected, the ledger figures and the verdict.</summary>
internal static class SoakReport
{
    public static string Render(
        SoakSettings settings, IReadOnlyList<SoakFault> faults, LedgerFigures figures, TimeSpan elapsed, DateTimeOffset startedAt, string storage)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(figures);
        var report = new StringBuilder();
        void Line(FormattableString line) => report.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Ingest soak {startedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line($"");
        Line($"Verdict: **{(figures.Holds ? "PASS" : "FAIL")}** (pass only when acknowledged = stored for every sensor, duplicated = 0 and sampled = acknowledged + rejected + dropped + lost + unacknowledged)");
        Line($"");
        Line($"## Settings");
        Line($"");
        Line($"| setting | value |");
        Line($"| --- | --- |");
        Line($"| storage | {storage} |");
        Line($"| sensors | {settings.Sensors} |");
        Line($"| sensors streaming for at least | {settings.Duration.TotalSeconds:0} s |");
        Line($"| collector SIGKILLed every | {settings.KillEvery.TotalSeconds:0} s |");
        Line($"| simulator SIGKILLed and started again on its spool | {settings.SimulatorKills} times |");
        Line($"| whole run, drain included | {elapsed.TotalSeconds:0.0} s |");
        Line($"| machine | {Environment.ProcessorCount} cores, {Environment.OSVersion} |");
        Line($"");
        Line($"## Faults injected");
        Line($"");
        Line($"| kill | process | at | readings stored at the kill | every sensor stored more through the other collectors | restart (collector: until listening) |");
        Line($"| --- | --- | --- | --- | --- | --- |");
        foreach (var fault in faults)
        {
            var failedOver = fault.FailedOver is { } failover ? string.Create(CultureInfo.InvariantCulture, $"after {failover.TotalSeconds:0.0} s") : "—";
            Line($"| {fault.Number} | {fault.Process} | {fault.At.TotalSeconds:0.0} s | {fault.StoredAtKill:N0} | {failedOver} | {fault.Restart.TotalSeconds:0.00} s |");
        }

        Line($"");
        Line($"## Ledger");
        Line($"");
        Line($"The last simulator process's ledger (its summary line and ledger file) against storage. The processes killed before it");
        Line($"wrote no ledger: what was acknowledged to them is stored below each sensor's first sequence the last process held.");
        Line($"");
        Line($"| readings | count |");
        Line($"| --- | --- |");
        Line($"| sampled (the last process, with what it recovered from the spool) | {figures.Sampled:N0} |");
        Line($"| recovered from the spool of a killed process (included in sampled) | {figures.Recovered:N0} |");
        Line($"| acknowledged | {figures.Acked:N0} |");
        Line($"| stored from each sensor's first sequence the last process held | {figures.Stored:N0} |");
        Line($"| sensors whose acknowledged readings = their stored readings | {figures.SensorsExact:N0} of {figures.Sensors:N0} |");
        Line($"| stored before (acknowledged to killed simulator processes) | {figures.StoredBefore:N0} |");
        Line($"| rejected | {figures.Rejected:N0} |");
        Line($"| dropped (counted by the sensors) | {figures.Dropped:N0} |");
        Line($"| lost | {figures.Lost:N0} |");
        Line($"| unacknowledged at the end | {figures.Unacked:N0} |");
        Line($"| duplicated (sensor, sequence) pairs (0 by the table's unique key; a reading stored twice under another sequence would show as stored > acknowledged) | {figures.Duplicated:N0} |");
        Line($"| gaps (missing sequences and recorded losses) | {figures.Gaps:N0} |");
        Line($"| retries | {figures.Retries:N0} |");
        return report.ToString();
    }
}
