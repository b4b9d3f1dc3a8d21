namespace Ingest.Dashboard.Model;

/// <summary>
/// A collector's ingest rate over the last few minutes, for the chart: one value per <see cref="SlotLength"/> slot of
/// the dashboard's clock (the latest reported in it), at most <see cref="Capacity"/> slots back from the newest.
/// Immutable and bounded. A collector reports its statistics only when they change, so a slot with no report holds
/// the value before it.
/// </summary>
internal sealed class RateHistory
{
    public static readonly TimeSpan SlotLength = TimeSpan.FromSeconds(2);

    /// <summary>Five minutes of slots.</summary>
    public const int DefaultCapacity = 150;

    private readonly (long Slot, double Rate)[] _samples;

    private RateHistory(int capacity, (long Slot, double Rate)[] samples)
    {
        Capacity = capacity;
        _samples = samples;
    }

    public int Capacity { get; }

    public int Count => _samples.Length;

    public static RateHistory Empty(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new RateHistory(capacity, []);
    }

    /// <summary>This history with <paramref name="rate"/> reported at <paramref name="at"/>; a report older than the newest is ignored.</summary>
    public RateHistory Record(DateTimeOffset at, double rate)
    {
        var slot = SlotOf(at);
        if (_samples.Length > 0 && slot < _samples[^1].Slot)
        {
            return this;
        }

        var kept = _samples.Where(sample => sample.Slot != slot && slot - sample.Slot < Capacity);
        return new RateHistory(Capacity, [.. kept, (slot, double.IsFinite(rate) ? Math.Max(0, rate) : 0)]);
    }

    /// <summary>
    /// The <paramref name="points"/> slots up to the one holding <paramref name="now"/>, oldest first: each the rate
    /// reported in it or, with no report, the one before; NaN before the first report.
    /// </summary>
    public double[] Series(DateTimeOffset now, int points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var last = SlotOf(now);
        var series = new double[points];
        var next = 0;
        var current = double.NaN;
        for (var i = 0; i < points; i++)
        {
            var slot = last - points + 1 + i;
            while (next < _samples.Length && _samples[next].Slot <= slot)
            {
                current = _samples[next++].Rate;
            }

            series[i] = current;
        }

        return series;
    }

    /// <summary>Several collectors' series added slot by slot; NaN where none has a value.</summary>
    public static double[] Sum(IEnumerable<RateHistory> histories, DateTimeOffset now, int points)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var sum = Enumerable.Repeat(double.NaN, points).ToArray();
        foreach (var series in histories.Select(history => history.Series(now, points)))
        {
            for (var i = 0; i < points; i++)
            {
                if (!double.IsNaN(series[i]))
                {
                    sum[i] = (double.IsNaN(sum[i]) ? 0 : sum[i]) + series[i];
                }
            }
        }

        return sum;
    }

    private static long SlotOf(DateTimeOffset at) => at.UtcTicks / SlotLength.Ticks;
}
