using System.Globalization;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The README's chaos run, <c>./run.sh --chaos</c>, as a user runs it.</summary>
public sealed class RunScriptChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunScriptWithChaos_RidesTheInjectedFaultsOut_AndEndsWithEverySampledReadingAcknowledgedAndStored()
    {
        using var directory = new TempDirectory("runsh-chaos");
        directory.Keep = true;
        var port = FreePort.Next();

        await using var run = ManagedProcess.Start("run.sh", "bash",
            [Path.Combine(RepoPaths.Root, "run.sh"), "--chaos", "--duration", "15", "--fresh", "--no-build",
             "--port", port.ToString(CultureInfo.InvariantCulture), "--data", directory.Path],
            directory.Path,
            new Dictionary<string, string> { ["INGEST_RUN_CONFIGURATION"] = RepoPaths.Configuration });

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        var last = run.Lines.Last(line => line.Length > 0);
        var summary = SummaryLine.Parse(last);
        output.WriteLine(last);
        Assert.True(summary.Acked > 0, "nothing was acknowledged: " + last);
        Assert.Equal(summary.Sampled, summary.Acked);
        Assert.Equal(0, summary.Unacked);
        Assert.Equal(summary.Acked, new StoredReadings(Path.Combine(directory.Path, "ingest.db")).TotalReadings());

        // The run says that chaos is on, the collector warns, and the simulator reports what it injected.
        Assert.Contains(run.Lines, line => line.StartsWith("run.sh: chaos on:", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("collector | ", StringComparison.Ordinal) && line.Contains("Collector:Chaos is ON", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("simulator | ", StringComparison.Ordinal) && line.Contains("chaos: injected faults=", StringComparison.Ordinal));
        directory.Keep = false;
    }
}
