using System.Diagnostics;
using System.Globalization;
using Ingest.SensorSimulator.Tests.Infrastructure;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolKillTests
{
    private const int Sensors = 8;
    private const int LinesBeforeKill = 400;

    [Fact]
    public async Task AppendAsync_ProcessKilledWhileAppending_EveryBatchReportedDurableIsRecovered()
    {
        using var directory = new TempDirectory("spool-kill");
        var reported = new List<(string Sensor, ulong Sequence)>();

        // Twice: the second process recovers after the first one's kill, numbers on, and is killed in turn.
        reported.AddRange(await RunAndKillAsync(directory.Path));
        reported.AddRange(await RunAndKillAsync(directory.Path));

        await using var spool = await TestSpools.OpenAsync(directory.Path);
        Assert.Equal(0, spool.CorruptRecords);
        Assert.Equal(reported.Count, reported.Distinct().Count());
        foreach (var sensor in reported.GroupBy(r => r.Sensor))
        {
            var recovered = spool.TakeRecovered(sensor.Key);
            var bySequence = recovered.Unsettled.ToDictionary(b => b.Sequence);
            foreach (var (_, sequence) in sensor)
            {
                Assert.True(bySequence.TryGetValue(sequence, out var batch), $"{sensor.Key} {sequence} was reported durable and is not recovered");
                SpoolTestBatches.AssertSame(SpoolTestBatches.Create(sensor.Key, sequence), batch);
            }

            Assert.True(recovered.HighestSequence >= sensor.Max(r => r.Sequence));
        }
    }

    /// <summary>Starts the appender, SIGKILLs it once it has reported enough durable batches, and returns every one it reported.</summary>
    private static async Task<List<(string Sensor, ulong Sequence)>> RunAndKillAsync(string path)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", typeof(TestProgram).Assembly.Location, "spool-append", path, Sensors.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new List<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
                if (lines.Count >= LinesBeforeKill)
                {
                    enough.TrySetResult();
                }
            }
        };
        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(enough.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(enough.Task.IsCompleted, "the appender stopped early: " + string.Join(Environment.NewLine, errors));
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finalizer, no dispose, no flush runs in the child.
            process.Kill();
            await process.WaitForExitAsync();
            process.WaitForExit();
        }

        lock (lines)
        {
            return [.. lines.Select(Parse)];
        }
    }

    private static (string Sensor, ulong Sequence) Parse(string line)
    {
        var parts = line.Split(' ');
        return (parts[0], ulong.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
