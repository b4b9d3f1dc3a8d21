namespace Ingest.Collector.Model;

/// <summary>
/// A time-ordered batch summed up, once, for every window size of the aggregates: for the size at index
/// <c>i</c> of <see cref="LengthsMicros"/>, its runs in time order. Computed where the batch is validated
/// (on the stream's own thread), so that applying a committed batch to the aggregates costs a few runs
/// rather than a pass over every reading per window size.
/// </summary>
internal sealed class WindowRuns(IReadOnlyList<long> lengthsMicros, WindowRun[][] runs)
{
    /// <summary>The window lengths the runs were cut for, in µs; the aggregates use the runs only when these are theirs.</summary>
    public IReadOnlyList<long> LengthsMicros { get; } = lengthsMicros;

    /// <summary>The runs of each window size, index for index with <see cref="LengthsMicros"/>.</summary>
    public WindowRun[][] Runs { get; } = runs;
}
