using System.Threading.RateLimiting;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// The collector's memory budget for batches on their way to storage (<see cref="IngestionOptions.MaxBufferedBytes"/>):
/// a batch read from a stream holds its size from the budget until storage has settled it, however that ends. A
/// stream whose batch does not fit waits, oldest first, and reads nothing more meanwhile. Only streams wait here and
/// each waits for one batch at a time, so the queue holds at most one request per open stream; the commit pipeline
/// never waits for the budget, so a batch that holds some can always commit and give it back.
/// </summary>
internal sealed class BufferedBytesBudget : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private long _waiting;

    public BufferedBytesBudget(IOptions<IngestionOptions> options, IngestMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        Limit = options.Value.MaxBufferedBytes;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Limit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,

            // Counted in bytes, not requests: bounded by the open streams, each waiting for one batch.
            QueueLimit = int.MaxValue,
        });
        metrics.BufferedBytes = () => InUse;
        metrics.BufferedBytesWaiting = () => Waiting;
    }

    /// <summary>The budget, in bytes.</summary>
    public int Limit { get; }

    /// <summary>Bytes held by batches not settled yet.</summary>
    public long InUse => Limit - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? Limit);

    /// <summary>Streams waiting for room now.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>
    /// Holds <paramref name="bytes"/> (all of the budget when that is more), waiting for room up to <paramref name="timeout"/>;
    /// null when the timeout passed first. Cancelled with <paramref name="cancellationToken"/>.
    /// </summary>
    public async ValueTask<BufferedBytesHold?> HoldAsync(int bytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var permits = Math.Clamp(bytes, 1, Limit);
        var lease = _limiter.AttemptAcquire(permits);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            lease = await WaitAsync(permits, timeout, time, cancellationToken);
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            return null;
        }

        return new BufferedBytesHold(lease);
    }

    public void Dispose() => _limiter.Dispose();

    private async ValueTask<RateLimitLease> WaitAsync(int permits, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Interlocked.Increment(ref _waiting);
        try
        {
            return await _limiter.AcquireAsync(permits, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FailedLease.Instance;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>The lease of a wait that timed out.</summary>
    private sealed class FailedLease : RateLimitLease
    {
        public static readonly FailedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
