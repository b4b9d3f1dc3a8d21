using Grpc.Core;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// What an upload is held to besides its sensor's limits: its key's share of upload slots, the collector's budget of
/// buffered bytes, and the deadlines of an idle stream. Refusals are ResourceExhausted with a retry hint, counted per
/// reason (<c>ingest.uploads.refused</c>) and logged at most once per reason per <see cref="RefusalLog.Interval"/>.
/// </summary>
internal sealed class UploadBudgets(
    KeyUploadShares shares,
    BufferedBytesBudget buffered,
    UploadIdleTimeouts idleTimeouts,
    LastGoodOptions<IngestionOptions> options,
    IngestMetrics metrics,
    RefusalLog refusals,
    TimeProvider time,
    ILogger<UploadBudgets> logger)
{

    /// <summary>Takes a slot of the call's key (dispose it when the call ends); ResourceExhausted when the key holds its share.</summary>
    public IDisposable EnterKey(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = SensorAccess.Find(context);
        if (!shares.TryEnter(caller, out var share))
        {
            throw Refuse(UploadRefusalReason.KeyShare, context.Peer,
                $"the key '{caller?.Name}' already holds {share} upload streams, its share of this collector's {options.Current.UploadSharePerKeyPercent} % (Collector:Ingestion:UploadSharePerKeyPercent); end a stream first, or send when one ends",
                options.Current.RetryAfter);
        }

        return new KeySlot(shares, caller);
    }

    /// <summary>Reads <paramref name="stream"/> with the idle deadlines.</summary>
    public UploadReader Read(IAsyncStreamReader<Wire.ReadingBatch> stream) => new(stream, idleTimeouts, time);

    /// <summary>
    /// Holds <paramref name="message"/>'s size from the buffered-bytes budget, waiting for room up to
    /// <see cref="IngestionOptions.BufferedBytesWaitTimeout"/>; ResourceExhausted when none came in time.
    /// </summary>
    public async ValueTask<BufferedBytesHold> HoldAsync(Wire.ReadingBatch message, string peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var limits = options.Current;
        var bytes = message.CalculateSize();
        return await buffered.HoldAsync(bytes, limits.BufferedBytesWaitTimeout, time, cancellationToken)
            ?? throw Refuse(UploadRefusalReason.BufferedBytes, peer,
                $"the collector holds {buffered.Limit / (1024.0 * 1024):0.#} MiB of batches not yet stored, its limit (Collector:Ingestion:MaxBufferedBytes), and this batch of {bytes} bytes found no room within {limits.BufferedBytesWaitTimeout.TotalSeconds:0.###} s (BufferedBytesWaitTimeout); it is not stored, the batches before it are settled",
                limits.RetryAfter);
    }

    /// <summary>Counts and (paced) logs a stream ended for sending no batch in time.</summary>
    public void IdleEnded(string peer, string reason)
    {
        metrics.UploadRefused(UploadRefusalReason.IdleStream);
        if (refusals.Count(UploadRefusalReason.IdleStream) is > 0 and var count)
        {
            UploadBudgetLog.IdleEnded(logger, count, refusals.Interval, peer, reason);
        }
    }

    private RpcException Refuse(string reason, string peer, string message, TimeSpan retryAfter)
    {
        metrics.UploadRefused(reason);
        if (refusals.Count(reason) is > 0 and var count)
        {
            UploadBudgetLog.Refused(logger, reason, count, refusals.Interval, peer, message);
        }

        return RpcErrors.ResourceExhausted(message, retryAfter);
    }

    private sealed class KeySlot(KeyUploadShares shares, Caller? caller) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                shares.Exit(caller);
            }
        }
    }
}
