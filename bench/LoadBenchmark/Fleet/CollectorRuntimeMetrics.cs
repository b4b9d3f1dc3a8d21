using System.Globalization;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// The .NET runtime's counters of a collector, read from its Prometheus scrape (the runtime's <c>System.Runtime</c> meter,
/// which the collector exports through OpenTelemetry's runtime instrumentation): time paused for garbage collection and
/// bytes allocated, since the process started.
/// </summary>
internal sealed record CollectorRuntimeMetrics(double GcPauseSeconds, double AllocatedBytes, double Gen2Collections)
{
    public const string GcPauseMetric = "dotnet_gc_pause_time_seconds_total";

    public const string AllocatedMetric = "dotnet_gc_heap_total_allocated_bytes_total";

    public const string CollectionsMetric = "dotnet_gc_collections_total";

    /// <summary>Scrapes <paramref name="address"/> (e.g. http://127.0.0.1:9464/metrics); null when it does not answer or lacks the counters.</summary>
    public static async Task<CollectorRuntimeMetrics?> TryScrapeAsync(HttpClient http, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return Parse(await http.GetStringAsync(new Uri(address), cancellationToken));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // An overloaded collector did not answer within the client's timeout: the figures are missing, the run goes on.
            return null;
        }
    }

    /// <summary>The counters in a Prometheus text exposition; null when the pause or allocation counter is missing.</summary>
    public static CollectorRuntimeMetrics? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pause = Sum(text, GcPauseMetric, null);
        var allocated = Sum(text, AllocatedMetric, null);
        return pause is null || allocated is null ? null : new CollectorRuntimeMetrics(pause.Value, allocated.Value, Sum(text, CollectionsMetric, "gen2") ?? 0);
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> (every label set, or those whose labels contain <paramref name="label"/>); null when there is none.</summary>
    private static double? Sum(string text, string metric, string? label)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || (line[metric.Length] != ' ' && line[metric.Length] != '{'))
            {
                continue;
            }

            var braceEnd = line.IndexOf('}', StringComparison.Ordinal);
            if (label is not null && (braceEnd < 0 || !line[..braceEnd].Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            var rest = line[(braceEnd < 0 ? metric.Length : braceEnd + 1)..].Trim().Split(' ');
            if (double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }
}
