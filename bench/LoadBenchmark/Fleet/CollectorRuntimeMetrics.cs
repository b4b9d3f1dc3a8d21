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
    public static async Task<CollectorRuntimeMetrics?> TryScrapeAsync(HttpClient http, string address, CancellationToken cancellationToken) =>
        await PrometheusText.TryScrapeAsync(http, address, cancellationToken) is { } text ? Parse(text) : null;

    /// <summary>The counters in a Prometheus text exposition; null when the pause or allocation counter is missing.</summary>
    public static CollectorRuntimeMetrics? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pause = PrometheusText.Sum(text, GcPauseMetric);
        var allocated = PrometheusText.Sum(text, AllocatedMetric);
        return pause is null || allocated is null ? null : new CollectorRuntimeMetrics(pause.Value, allocated.Value, PrometheusText.Sum(text, CollectionsMetric, "gen2") ?? 0);
    }
}
