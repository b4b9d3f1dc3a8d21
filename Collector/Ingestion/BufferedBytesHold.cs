using System.Threading.RateLimiting;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// One batch's bytes held from the <see cref="BufferedBytesBudget"/>: given back when disposed, unless handed to the
/// batch's commit with <see cref="ReleaseWhenSettled"/>, which gives them back once storage has settled the batch.
/// </summary>
internal sealed class BufferedBytesHold(RateLimitLease lease) : IDisposable
{
    private RateLimitLease? _lease = lease;

    /// <summary>Keeps the bytes held until <paramref name="settled"/> finishes, however it finishes.</summary>
    public void ReleaseWhenSettled(Task settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is null)
        {
            return;
        }

        settled.ContinueWith(
            static (_, state) => ((RateLimitLease)state!).Dispose(),
            lease,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Dispose() => Interlocked.Exchange(ref _lease, null)?.Dispose();
}
