using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The output directory: results.json (the raw figures), results.md (the report), throughput.png (the chart)
/// and logs/ (each collector's output). A scale run and a throughput run made into the same directory by
/// separate invocations end up side by side in one report.
/// </summary>
internal sealed class ResultsFiles(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Directory { get; } = Path.GetFullPath(directory);

    public string JsonPath => Path.Combine(Directory, "results.json");

    public string MarkdownPath => Path.Combine(Directory, "results.md");

    public string ChartPath => Path.Combine(Directory, "throughput.png");

    public string LogDirectory => Path.Combine(Directory, "logs");

    /// <summary>The report already in the directory, or null when there is none or it cannot be read.</summary>
    public BenchmarkReport? ReadExisting()
    {
        if (!File.Exists(JsonPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BenchmarkReport>(File.ReadAllText(JsonPath), Json);
        }
        catch (JsonException)
        {
            return null; // Written by another version: the new report replaces it.
        }
    }

    /// <summary>Writes results.json and results.md, and the chart when there are throughput runs; returns the markdown.</summary>
    public string Write(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(JsonPath, JsonSerializer.Serialize(report, Json));
        var markdown = MarkdownReport.Build(report);
        File.WriteAllText(MarkdownPath, markdown);
        if (report.Runs.Count > 0)
        {
            ThroughputChart.Save(report.Runs, ChartPath);
        }

        return markdown;
    }
}
