using System.Text.Json;
using System.Text.Json.Serialization;
using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// <c>--fleet N[,N…]</c>: a <see cref="FleetRun"/> per size, one after the other, each on a fresh collector; then fleet.json,
/// fleet.md and fleet.png in the output directory, beside results.md. Fails (exit 1) when a size has a <see cref="FleetResult.Problem"/>.
/// </summary>
internal sealed class FleetBenchmark(TextWriter output, TextWriter progress, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public async Task<int> RunAsync(BenchmarkSettings settings, ResultsFiles files, string storageRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(files);
        var report = new FleetReport
        {
            StartedAt = time.GetUtcNow(),
            Machine = MachineInfo.Current(storageRoot),
            Seconds = settings.FleetDuration.TotalSeconds,
            ConnectPerSecond = settings.FleetConnectPerSecond,
            SensorsPerWorker = settings.FleetSensorsPerWorker,
            CollectorArguments = settings.CollectorArguments,
            CollectorEnvironment = settings.CollectorEnvironment,
        };
        var results = new List<FleetResult>();
        foreach (var sensors in settings.Fleet)
        {
            results.Add(await new FleetRun(settings, files.LogDirectory, progress, time).RunAsync(sensors, cancellationToken));
            report = report with { Results = [.. results] };
            Write(files, report); // after every size, so that a long invocation cut short keeps what it measured
        }

        var markdown = Write(files, report);
        await output.WriteAsync(markdown);
        await progress.WriteLineAsync($"bench: wrote {Path.Combine(files.Directory, "fleet.md")}, fleet.json, fleet.png; logs in {files.LogDirectory}");
        foreach (var problem in report.Problems)
        {
            await progress.WriteLineAsync($"bench: FAILED: {problem}");
        }

        return report.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Write(ResultsFiles files, FleetReport report)
    {
        Directory.CreateDirectory(files.Directory);
        File.WriteAllText(Path.Combine(files.Directory, "fleet.json"), JsonSerializer.Serialize(report, Json));
        var markdown = FleetMarkdown.Build(report);
        File.WriteAllText(Path.Combine(files.Directory, "fleet.md"), markdown);
        FleetChart.Save(report.Results, Path.Combine(files.Directory, "fleet.png"));
        return markdown;
    }
}
