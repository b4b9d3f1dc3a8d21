namespace Ingest.Collector.Aggregation;

/// <summary>The collector process's memory and garbage collection, as the statistics carry them.</summary>
internal sealed record ProcessFigures(long WorkingSetBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, TimeSpan GcPauseTotal)
{
    public static ProcessFigures None { get; } = new(0, 0, 0, 0, TimeSpan.Zero);

    /// <summary>This process's figures now.</summary>
    public static ProcessFigures Read() => new(
        Environment.WorkingSet,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration());
}
