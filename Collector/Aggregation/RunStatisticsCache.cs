namespace Ingest.Collector.Aggregation;

/// <summary>
/// The statistics of the last range of readings computed, so that window sizes whose runs cover the same
/// readings (the usual case) share one pass over them.
/// </summary>
internal struct RunStatisticsCache
{
    private int _from, _to;
    private RunStatistics _statistics;

    public RunStatistics Get(ReadOnlySpan<double> values, int from, int to)
    {
        if (_to == 0 || _from != from || _to != to)
        {
            (_from, _to, _statistics) = (from, to, RunStatistics.Of(values[from..to]));
        }

        return _statistics;
    }
}
