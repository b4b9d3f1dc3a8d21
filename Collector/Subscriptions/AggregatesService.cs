using Grpc.Core;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Calls;
using Ingest.Collector.Control;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Subscriptions;

/// <summary>
/// <c>Aggregates.Subscribe</c>: a snapshot of the live view, then its changes at most once per the
/// subscriber's interval (latest per sensor), and a heartbeat when nothing was sent for a while. This
/// stream's only writer is this method; the aggregator only ever replaces the subscriber's pending entries.
/// </summary>
internal sealed class AggregatesService(
    SubscriptionHub hub,
    SensorConfigLookup configs,
    AggregationMetrics metrics,
    IOptions<AggregationOptions> options,
    LastGoodOptions<IngestionOptions> ingestionOptions,
    RefusalLog refusals,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<AggregatesService> logger) : Wire.Aggregates.AggregatesBase
{
    public override async Task Subscribe(Wire.SubscribeRequest request, IServerStreamWriter<Wire.AggregateUpdate> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        var stopping = CallAdmission.Admit(context, lifetime);

        var subscription = SubscriptionRequest.Read(request, hub.Windows, options.Value.DefaultWindow);
        var share = CallerShare.Of(context);
        var snapshot = hub.TrySubscribe(subscription.Filter, subscription.WindowIndex, share);
        if (snapshot is null)
        {
            metrics.SubscriberRefused();
            var refusal = hub.SubscribersOf(share) >= hub.MaxSubscribersPerKey
                ? $"{share} already has {hub.MaxSubscribersPerKey} subscriptions open, the most Collector:Aggregation:MaxSubscribersPerKey allows; end one"
                : $"{hub.MaxSubscribers} subscribers are open, the most this collector takes (Collector:Aggregation:MaxSubscribers)";
            if (refusals.Count(RefusalLog.SubscriberRefused) is var count and > 0)
            {
                PacedLog.SubscribersRefused(logger, count, context.Peer, refusal, refusals.Interval);
            }

            throw RpcErrors.ResourceExhausted(refusal, ingestionOptions.Current.RetryAfter);
        }

        CollectorLog.SubscriberJoined(logger, context.Peer, subscription.Window, snapshot.Windows.Count, subscription.MinUpdateInterval);
        var reason = "the subscriber ended the call";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        try
        {
            await StreamAsync(snapshot, subscription.Window, subscription.MinUpdateInterval, responseStream, linked.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            reason = "the collector is stopping";
            throw RpcErrors.ShuttingDown();
        }
        catch (Exception ex) when (context.CancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The subscriber went away, possibly in the middle of a write: nothing left to tell it.
        }
        finally
        {
            hub.Unsubscribe(snapshot.Subscriber);
            CollectorLog.SubscriberLeft(logger, context.Peer, reason, snapshot.Subscriber.Taken, snapshot.Subscriber.Superseded);
        }
    }

    private async Task StreamAsync(
        SubscriptionSnapshot snapshot, TimeSpan window, TimeSpan minUpdateInterval, IServerStreamWriter<Wire.AggregateUpdate> stream, CancellationToken cancellationToken)
    {
        var subscriber = snapshot.Subscriber;
        var heartbeat = options.Value.HeartbeatInterval;
        var started = timeProvider.GetTimestamp();
        TimeSpan Now() => timeProvider.GetElapsedTime(started);

        var first = new List<Wire.AggregateUpdate>(snapshot.Windows.Count + 2);
        if (snapshot.Statistics is { } statistics)
        {
            first.Add(AggregateMessages.Statistics(statistics, window));
        }

        first.AddRange(snapshot.Windows.Select(window => AggregateMessages.Window(window, configs)));
        first.Add(AggregateMessages.SnapshotComplete(snapshot.Windows.Count));
        await WriteAllAsync(stream, first, cancellationToken);

        var lastSent = Now();
        var lastChanges = TimeSpan.MinValue;
        var changed = false;
        while (true)
        {
            var now = Now();
            if (changed && now >= lastChanges + minUpdateInterval)
            {
                changed = false;
                var updates = subscriber.TakePending();
                if (!updates.IsEmpty)
                {
                    await WriteAllAsync(stream, ToMessages(updates, window), cancellationToken);
                    lastSent = lastChanges = Now();
                }

                continue;
            }

            if (now >= lastSent + heartbeat)
            {
                await stream.WriteAsync(AggregateMessages.Heartbeat(timeProvider.GetUtcNow()), cancellationToken);
                lastSent = Now();
                continue;
            }

            if (changed)
            {
                // Changes wait, coalescing latest-wins, until the subscriber's interval has passed (or a heartbeat is due).
                var until = Min(lastChanges + minUpdateInterval, lastSent + heartbeat);
                await Task.Delay(until - now, timeProvider, cancellationToken);
            }
            else
            {
                changed = await subscriber.WaitForChangesAsync(lastSent + heartbeat - now, timeProvider, cancellationToken);
            }
        }
    }

    private List<Wire.AggregateUpdate> ToMessages(SubscriberUpdates updates, TimeSpan window)
    {
        var messages = new List<Wire.AggregateUpdate>(updates.Windows.Count + 1);
        if (updates.Statistics is { } statistics)
        {
            messages.Add(AggregateMessages.Statistics(statistics, window));
        }

        messages.AddRange(updates.Windows.Select(window => AggregateMessages.Window(window, configs)));
        return messages;
    }

    /// <summary>Writes the messages, flushing once after the last rather than after each.</summary>
    private static async Task WriteAllAsync(IServerStreamWriter<Wire.AggregateUpdate> stream, List<Wire.AggregateUpdate> messages, CancellationToken cancellationToken)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            stream.WriteOptions = i < messages.Count - 1 ? BufferHint : null;
            await stream.WriteAsync(messages[i], cancellationToken);
        }
    }

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
