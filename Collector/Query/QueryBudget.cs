using Ingest.Collector.Settings;

namespace Ingest.Collector.Query;

/// <summary>
/// The open queries, counted in all and per share (a key, or an address without one), against
/// <see cref="QueryOptions.MaxOpenQueries"/> and <see cref="QueryOptions.MaxOpenQueriesPerKey"/>.
/// </summary>
internal sealed class QueryBudget(LastGoodOptions<QueryOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byShare = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>Queries open now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>
    /// Takes a place for a query of <paramref name="share"/>: the lease to dispose when the query ends, or null and
    /// the reason, naming the setting, when the budget is spent.
    /// </summary>
    public QueryLease? TryOpen(string share, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(share);
        var limits = options.Current;
        lock (_gate)
        {
            var mine = _byShare.GetValueOrDefault(share);
            if (mine >= limits.MaxOpenQueriesPerKey)
            {
                refusal = $"{share} already has {mine} queries open, the most Collector:Query:MaxOpenQueriesPerKey allows; read them to their end, or end one";
                return null;
            }

            if (_open >= limits.MaxOpenQueries)
            {
                refusal = $"{_open} queries are open, the most Collector:Query:MaxOpenQueries allows";
                return null;
            }

            _byShare[share] = mine + 1;
            _open++;
        }

        refusal = "";
        return new QueryLease(this, share);
    }

    /// <summary>Gives back the place of a query of <paramref name="share"/>; only <see cref="QueryLease"/> calls this, once.</summary>
    internal void Close(string share)
    {
        lock (_gate)
        {
            _open--;
            var left = _byShare[share] - 1;
            if (left == 0)
            {
                _byShare.Remove(share);
            }
            else
            {
                _byShare[share] = left;
            }
        }
    }
}
