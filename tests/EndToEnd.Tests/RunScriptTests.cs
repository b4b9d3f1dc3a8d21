using System.Globalization;
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

    public static TheoryData<string[], string> BadOptionValues => new()
    {
        { ["--sensors"], "run.sh: --sensors needs a value, e.g. --sensors 100 (see ./run.sh --help)" },
        { ["--sensors", "--fresh"], "run.sh: --sensors needs a value, e.g. --sensors 100 (see ./run.sh --help)" },
        { ["--sensors", "abc"], "run.sh: --sensors takes a count from 1 to 20000, e.g. --sensors 100, not 'abc'" },
        { ["--sensors", "0"], "run.sh: --sensors takes a count from 1 to 20000, e.g. --sensors 100, not '0'" },
        { ["--port", "70000"], "run.sh: --port takes a port number from 1 to 65535, e.g. --port 5001, not '70000'" },
        { ["--port"], "run.sh: --port needs a value, e.g. --port 5001 (see ./run.sh --help)" },
        { ["--duration", "1.5"], "run.sh: --duration takes whole seconds, 1 or more, e.g. --duration 20, not '1.5'" },
        { ["--collectors", "x"], "run.sh: --collectors takes a count from 1 to 999, e.g. --collectors 3, not 'x'" },
        { ["--pg-port", "0"], "run.sh: --pg-port takes a port number from 1 to 65535, e.g. --pg-port 55433, not '0'" },
        { ["--data"], "run.sh: --data needs a value, e.g. --data ./data (see ./run.sh --help)" },
        { ["--bogus"], "run.sh: unknown option '--bogus' (see ./run.sh --help)" },
    };

    [Theory]
    [MemberData(nameof(BadOptionValues))]
    public async Task RunScript_BadOptionValue_PrintsOneLineSayingWhatIsWrongAndExits2BeforeBuildingOrStartingAnything(string[] options, string expected)
    {
        using var directory = new TempDirectory("runsh-bad-option");

        // Without --no-build: the check comes before the build, so nothing is built and no program starts.
        await using var run = ManagedProcess.Start("run.sh", "bash", [Path.Combine(RepoPaths.Root, "run.sh"), .. options], directory.Path,
            new Dictionary<string, string> { ["INGEST_RUN_CONFIGURATION"] = RepoPaths.Configuration });

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([expected], run.Lines.Where(line => line.Length > 0));
    }

    [Fact]
    public async Task RunScript_DataThatIsAFile_PrintsOneLineNamingItAndExits2()
    {
        using var directory = new TempDirectory("runsh-data-file");
        var file = directory.File("not-a-directory");
        await File.WriteAllTextAsync(file, "");

        await using var run = ManagedProcess.Start("run.sh", "bash", [Path.Combine(RepoPaths.Root, "run.sh"), "--data", file], directory.Path,
            new Dictionary<string, string> { ["INGEST_RUN_CONFIGURATION"] = RepoPaths.Configuration });

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([$"run.sh: --data takes a directory, and {file} is a file"], run.Lines.Where(line => line.Length > 0));
    }

    [Fact]
    public async Task RunScript_SecondCollectorOnTheSameData_PrintsTheCollectorsOneLineRefusalAndTheOptionThatFixesIt()
    {
        using var directory = new TempDirectory("runsh-same-data");
        var first = new Pipeline(directory);
        await using var holder = await first.StartCollectorAsync();

        await using var run = ManagedProcess.Start("run.sh", "bash",
            [Path.Combine(RepoPaths.Root, "run.sh"), "--duration", "5", "--no-build", "--data", directory.Path,
             "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture)],
            directory.Path,
            new Dictionary<string, string> { ["INGEST_RUN_CONFIGURATION"] = RepoPaths.Configuration });

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var reason = $"Another collector is using the database {first.DatabasePath} (it holds {first.DatabasePath}.lock). Stop that collector";
        Assert.Contains(run.Lines, line => line.StartsWith("run.sh: the collector did not start: " + reason, StringComparison.Ordinal));
        Assert.Contains("run.sh: use another --data, or stop the other collector", run.Lines);

        // The collector says it once, without a stack trace; the simulator never started.
        var collectorLines = run.Lines.Where(line => line.StartsWith("collector | ", StringComparison.Ordinal)).ToList();
        Assert.Single(collectorLines, line => line.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain(collectorLines, line => line.StartsWith("collector |    at ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Lines, line => line.StartsWith("simulator | ", StringComparison.Ordinal));
    }
}
