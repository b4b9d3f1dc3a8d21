using Grpc.Core;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Subscriptions;

/// <summary>
/// Hole 4 of the hostile-clients issue, its second half: one viewer key's idle subscribers (opened, never read) must not
/// take every subscriber place, so that another key's dashboard still subscribes.
/// </summary>
public sealed class SubscribersPerKeyTests : IDisposable
{
    private const string OtherViewer = "test-viewer-b-key";

    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Security:Keys:viewer-b:Key", OtherViewer)
        .With("Collector:Security:Keys:viewer-b:Role", "Viewer")
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Subscribe_OneKeysIdleSubscribersFillTheCollectorsDefaultMaximum_AnotherKeysDashboardStillSubscribes()
    {
        var hub = _collector.Services.GetRequiredService<SubscriptionHub>();
        using var attacker = _collector.ChannelWithKey(TestKeys.Viewer);
        using var dashboard = _collector.ChannelWithKey(OtherViewer);
        var idle = Enumerable.Range(0, hub.MaxSubscribers)
            .Select(_ => new Wire.Aggregates.AggregatesClient(attacker).Subscribe(new Wire.SubscribeRequest()))
            .ToList();
        try
        {
            await Eventually.CompletesAsync(Task.WhenAll(idle.Select(c => c.ResponseHeadersAsync)), timeout: TimeSpan.FromSeconds(30));

            using var real = new Wire.Aggregates.AggregatesClient(dashboard).Subscribe(new Wire.SubscribeRequest());
            await real.ResponseStream.SnapshotAsync();

            var refused = new List<RpcException>();
            foreach (var call in idle.Where(Ended))
            {
                refused.Add(await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext()));
            }

            Assert.Equal(hub.MaxSubscribers - hub.MaxSubscribersPerKey, refused.Count);
            Assert.All(refused, r => Assert.Equal("250", r.Trailers.GetValue("retry-after-ms")));
            Assert.All(refused, r => Assert.Contains("Collector:Aggregation:MaxSubscribersPerKey", r.Status.Detail, StringComparison.Ordinal));
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Whether the call has ended already (a refusal answers with its status at once; an admitted one streams on).</summary>
    private static bool Ended(AsyncServerStreamingCall<Wire.AggregateUpdate> call)
    {
        try
        {
            _ = call.GetStatus();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
