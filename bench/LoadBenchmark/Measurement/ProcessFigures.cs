namespace Ingest.LoadBenchmark.Measurement;

/// <summary>
/// The collector's and this process's CPU and memory over a measured interval, from <see cref="ProcessSample"/>s
/// taken at its start and end.
/// </summary>
internal sealed record ProcessFigures
{
    /// <summary>No figures: a run that was not measured.</summary>
    public static readonly ProcessFigures None = new();

    /// <summary>The collector's user + system CPU time over the measured interval; 0 when it exited during it.</summary>
    public double CollectorCpuSeconds { get; init; }

    /// <summary><see cref="CollectorCpuSeconds"/> as a percentage of one core over the interval.</summary>
    public double CollectorCpuPercentOfCore { get; init; }

    /// <summary>The collector's peak resident memory (VmHWM) at the end of the interval; 0 when it exited during it.</summary>
    public long CollectorPeakRssBytes { get; init; }

    /// <summary>The collector's resident memory (VmRSS) at the end of the interval; 0 when it exited during it.</summary>
    public long CollectorEndRssBytes { get; init; }

    /// <summary>
    /// The PostgreSQL server's CPU time over the interval (the postmaster, its backends and helpers, and those of its
    /// children that ended in it); null when the run stored no PostgreSQL or the server's processes could not be read.
    /// </summary>
    public double? DatabaseServerCpuSeconds { get; init; }

    /// <summary><see cref="DatabaseServerCpuSeconds"/> as a percentage of one core over the interval.</summary>
    public double? DatabaseServerCpuPercentOfCore { get; init; }

    /// <summary>The benchmark process's own CPU time over the interval: the sensors' side, on the same cores.</summary>
    public double ClientCpuSeconds { get; init; }

    /// <summary>
    /// The figures of an interval of <paramref name="seconds"/>: the collector's from <paramref name="collectorStart"/>
    /// and <paramref name="collectorEnd"/> (null when it was gone; its CPU then counts 0, and its memory too when
    /// the end is missing), the benchmark's own CPU from <paramref name="clientStart"/> and <paramref name="clientEnd"/>.
    /// </summary>
    public static ProcessFigures Of(
        ProcessSample? collectorStart,
        ProcessSample? collectorEnd,
        ProcessSample clientStart,
        ProcessSample clientEnd,
        double seconds)
    {
        ArgumentNullException.ThrowIfNull(clientStart);
        ArgumentNullException.ThrowIfNull(clientEnd);
        var collectorCpu = collectorStart is null || collectorEnd is null ? 0 : collectorEnd.CpuSeconds - collectorStart.CpuSeconds;
        return new ProcessFigures
        {
            CollectorCpuSeconds = collectorCpu,
            CollectorCpuPercentOfCore = collectorCpu / seconds * 100,
            CollectorPeakRssBytes = collectorEnd?.PeakRssBytes ?? 0,
            CollectorEndRssBytes = collectorEnd?.RssBytes ?? 0,
            ClientCpuSeconds = clientEnd.CpuSeconds - clientStart.CpuSeconds,
        };
    }

    /// <summary>These figures with the database server's CPU between <paramref name="startSeconds"/> and <paramref name="endSeconds"/> (either null: unknown).</summary>
    public ProcessFigures WithDatabaseServer(double? startSeconds, double? endSeconds, double seconds) =>
        startSeconds is { } start && endSeconds is { } end
            ? this with { DatabaseServerCpuSeconds = end - start, DatabaseServerCpuPercentOfCore = (end - start) / seconds * 100 }
            : this;
}
