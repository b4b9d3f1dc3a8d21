using System.Threading.RateLimiting;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Ingestion;

/// <summary>Bounds the number of Upload streams open at once.</summary>
internal sealed class UploadGate(IOptions<IngestionOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentUploads,
        QueueLimit = 0,
    });

    public int Limit { get; } = options.Value.MaxConcurrentUploads;

    /// <summary>Why a call was refused when <see cref="TryEnter"/> gave no lease.</summary>
    public string LimitReached => $"{Limit} upload streams are open, the most this collector takes";

    /// <summary>A lease to release when the stream ends, or null when the limit is reached.</summary>
    public RateLimitLease? TryEnter()
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
