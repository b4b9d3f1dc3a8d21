using System.Globalization;
using System.Text;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The soak's markdown report: settings, faults injected, the ledger figures and the verdict.</summary>
internal static class SoakReport
{
    public static string Render(SoakSettings settings, IReadOnlyList<SoakFault> faults, LedgerFigures figures, TimeSpan elapsed, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(figures);
        var report = new StringBuilder();
        void Line(FormattableString line) => report.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Ingest soak {startedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line($"");
        Line($"Verdict: **{(figures.Holds ? "PASS" : "FAIL")}** (pass only when acknowledged = stored, duplicated = 0 and sampled = acknowledged + dropped + unacknowledged)");
        Line($"");
        Line($"## Settings");
        Line($"");
        Line($"| setting | value |");
        Line($"| --- | --- |");
        Line($"| sensors | {settings.Sensors} |");
        Line($"| sensors streaming for at least | {settings.Duration.TotalSeconds:0} s |");
        Line($"| collector SIGKILLed every | {settings.KillEvery.TotalSeconds:0} s |");
        Line($"| whole run, drain included | {elapsed.TotalSeconds:0.0} s |");
        Line($"| machine | {Environment.ProcessorCount} cores, {Environment.OSVersion} |");
        Line($"");
        Line($"## Faults injected");
        Line($"");
        Line($"| kill | at | readings stored at the kill | restart until listening |");
        Line($"| --- | --- | --- | --- |");
        foreach (var fault in faults)
        {
            Line($"| {fault.Number} | {fault.At.TotalSeconds:0.0} s | {fault.StoredAtKill:N0} | {fault.Restart.TotalSeconds:0.00} s |");
        }

        Line($"");
        Line($"## Ledger");
        Line($"");
        Line($"| readings | count |");
        Line($"| --- | --- |");
        Line($"| sampled | {figures.Sampled:N0} |");
        Line($"| acknowledged | {figures.Acked:N0} |");
        Line($"| stored | {figures.Stored:N0} |");
        Line($"| dropped (counted by the sensors) | {figures.Dropped:N0} |");
        Line($"| unacknowledged at the end | {figures.Unacked:N0} |");
        Line($"| duplicated (sensor, sequence) pairs (0 by the table's unique key; a reading stored twice under another sequence would show as stored > acknowledged) | {figures.Duplicated:N0} |");
        Line($"| gaps (missing sequences and recorded losses) | {figures.Gaps:N0} |");
        Line($"| retries | {figures.Retries:N0} |");
        return report.ToString();
    }
}
