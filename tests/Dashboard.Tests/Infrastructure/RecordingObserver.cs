using System.Collections.Concurrent;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>Records what the feed loop reports.</summary>
internal sealed class RecordingObserver : IFeedObserver
{
    public ConcurrentQueue<CollectorIdentity> Connections { get; } = new();

    public ConcurrentQueue<DashboardUpdate> Updates { get; } = new();

    public ConcurrentQueue<RetryNotice> Retries { get; } = new();

    public Exception? ThrowOnUpdate { get; set; }

    public void OnConnected(CollectorIdentity collector) => Connections.Enqueue(collector);

    public void OnUpdate(DashboardUpdate update)
    {
        if (ThrowOnUpdate is { } exception)
        {
            throw exception;
        }

        Updates.Enqueue(update);
    }

    public void OnRetrying(RetryNotice notice) => Retries.Enqueue(notice);
}
