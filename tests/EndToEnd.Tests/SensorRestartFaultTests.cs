using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The simulator process is killed with SIGKILL and started again with the same sensors, against the same collector.</summary>
public sealed class SensorRestartFaultTests(ITestOutputHelper output)
{
    private const int Sensors = 10;


    [Fact]
    public async Task SensorProcessKilledAndRestarted_ResumesAfterTheCommittedSequenceWithoutGapsOrDuplicates()
    {
        using var directory = new TempDirectory("sensor-restart");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();

        await using (var first = pipeline.StartSimulator("simulator-1", Sensors, TimeSpan.FromMinutes(5)))
        {
            await Eventually.UntilAsync(() => pipeline.Stored.TotalReadings() >= 5_000 && pipeline.Stored.BySensor().Count == Sensors,
                "every sensor has stored readings", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var storedAtKill = pipeline.Stored.BySensor();
        await using var second = pipeline.StartSimulator("simulator-2", Sensors, TimeSpan.FromSeconds(10), ResumePoints.LoggedSetting);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        // The second process accounts for what it sampled; what the first held unacknowledged died with it.
        var ledger = LedgerAssert.Accounted(second, pipeline.LedgerPath);
        Assert.Equal(0, ledger.Totals.Unacked);
        Assert.Equal(0, ledger.Totals.Dropped);
        LedgerAssert.StoredOnceWithoutGaps(pipeline.Stored);

        LedgerAssert.ResumedExactly(ledger, second, pipeline.Stored, storedAtKill, output.WriteLine);

        directory.Keep = false;
    }
}
