using Ingest.EndToEnd.Tests.Infrastructure;

namespace Ingest.EndToEnd.Tests;

/// <summary>The README's run command, as a user runs it.</summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task RunScript_WithDuration_RunsHeadlessAndEndsWithTheSummaryLine()
    {
        using var directory = new TempDirectory("runsh");
        var port = FreePort.Next();

        await using var run = ManagedProcess.Start("run.sh", "bash",
            [Path.Combine(RepoPaths.Root, "run.sh"), "--duration", "5", "--sensors", "4", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--data", directory.Path, "--no-build"],
            directory.Path,
            new Dictionary<string, string> { ["INGEST_RUN_CONFIGURATION"] = RepoPaths.Configuration });

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        var last = run.Lines.Last(line => line.Length > 0);
        var summary = SummaryLine.Parse(last);
        Assert.Equal(4, summary.Sensors);
        Assert.True(summary.Acked > 0, "nothing was acknowledged: " + last);
        Assert.True(summary.Balances, $"the summary does not balance: {summary}");
        Assert.Contains(run.Lines, line => line.StartsWith("collector | ", StringComparison.Ordinal));
        Assert.Equal(summary.Acked, new StoredReadings(Path.Combine(directory.Path, "ingest.db")).TotalReadings());
    }
}
