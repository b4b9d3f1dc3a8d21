using System.Collections.Immutable;

namespace Ingest.Dashboard.Model;

/// <summary>
/// The means of a sensor's most recent windows, oldest first, at most <see cref="Capacity"/> of them, one per
/// window start: a window seen again (a late update, or the same window in a new snapshot) replaces its mean.
/// </summary>
internal sealed class MeanHistory
{
    /// <summary>How many window means a sensor keeps for its sparkline by default.</summary>
    public const int DefaultCapacity = 20;

    private readonly ImmutableArray<(DateTimeOffset Start, double Mean)> _points;

    private MeanHistory(int capacity, ImmutableArray<(DateTimeOffset Start, double Mean)> points)
    {
        Capacity = capacity;
        _points = points;
    }

    public int Capacity { get; }

    public int Count => _points.Length;

    /// <summary>The means, oldest window first.</summary>
    public IReadOnlyList<double> Means => _points.Select(point => point.Mean).ToArray();

    public static MeanHistory Empty(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new MeanHistory(capacity, []);
    }

    /// <summary>
    /// This history with the window starting at <paramref name="start"/> recorded; a window older than every
    /// one kept is dropped when the history is full.
    /// </summary>
    public MeanHistory Record(DateTimeOffset start, double mean)
    {
        if (double.IsNaN(mean) || double.IsInfinity(mean))
        {
            return this;
        }

        var index = _points.Length;
        while (index > 0 && _points[index - 1].Start > start)
        {
            index--;
        }

        var points = index > 0 && _points[index - 1].Start == start
            ? _points.SetItem(index - 1, (start, mean))
            : _points.Insert(index, (start, mean));
        return new MeanHistory(Capacity, points.Length > Capacity ? points.RemoveRange(0, points.Length - Capacity) : points);
    }
}
