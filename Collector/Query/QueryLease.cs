namespace Ingest.Collector.Query;

/// <summary>A query's place in the <see cref="QueryBudget"/>, given back when disposed (once, however often disposed).</summary>
internal sealed class QueryLease(QueryBudget budget, string share) : IDisposable
{
    private int _closed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            budget.Close(share);
        }
    }
}
