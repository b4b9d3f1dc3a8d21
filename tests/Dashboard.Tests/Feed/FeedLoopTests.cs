using Grpc.Core;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;
using Ingest.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Feed;

public sealed class FeedLoopTests : IDisposable
{
    private static readonly SubscriptionRequest Request = new(["sim-*"], ["temperature"], TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250));

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeCollectorFeed _collector = new();
    private readonly RecordingObserver _observer = new();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_GreetsThenPassesEveryUpdateOfTheStream()
    {
        _collector.NextStream().Send(new StatisticsUpdate(Totals()), Update(Window("sim-1")), new SnapshotCompleted(1));

        var run = Run();
        await Eventually.UntilAsync(() => _observer.Updates.Count == 3);

        Assert.Equal([_collector.Identity], _observer.Connections);
        Assert.IsType<SnapshotCompleted>(_observer.Updates.Last());
        Assert.Equal(Request, Assert.Single(_collector.Requests));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_StreamBreaks_ReportsTheRetryAndSubscribesAgainAfterTheBackoff()
    {
        _collector.NextStream().Send(new SnapshotCompleted(0)).Fail(Rpc(StatusCode.Unavailable, "collector stopping"));
        _collector.NextStream().Send(new SnapshotCompleted(0));

        _ = Run();
        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);
        var notice = Assert.Single(_observer.Retries);
        Assert.Equal(1, notice.FailedAttempts);
        Assert.Equal("Unavailable: collector stopping", notice.Reason);
        Assert.InRange(notice.Delay, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));
        Assert.Equal(Start + notice.Delay, notice.NextAttemptAt);
        Assert.Equal(1, _collector.SubscribeCalls);

        await Eventually.UntilAsync(() => _observer.Connections.Count == 2, step: () => _time.Advance(TimeSpan.FromMilliseconds(50)));

        await Eventually.UntilAsync(() => _observer.Updates.Count(update => update is SnapshotCompleted) == 2);
        Assert.Equal(2, _collector.SubscribeCalls);
    }

    [Fact]
    public async Task RunAsync_RepeatedFailures_BackOffExponentially()
    {
        _collector.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "connection refused");

        _ = Run();
        await Eventually.UntilAsync(() => _observer.Retries.Count >= 4, step: () => _time.Advance(TimeSpan.FromMilliseconds(100)));

        var notices = _observer.Retries.Take(4).ToArray();
        Assert.Equal([1, 2, 3, 4], notices.Select(notice => notice.FailedAttempts));
        for (var i = 0; i < notices.Length; i++)
        {
            var nominal = TimeSpan.FromMilliseconds(500 * Math.Pow(2, i));
            Assert.InRange(notices[i].Delay, nominal / 2, nominal);
        }
    }

    [Fact]
    public async Task RunAsync_RetryAfterTrailer_IsTheMinimumDelay()
    {
        _collector.FailNextGreet(Rpc(StatusCode.ResourceExhausted, "too many subscribers", retryAfterMs: "3000"));

        _ = Run();
        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);

        // The hint is the minimum, spread by jitter over [hint, 1.5 × hint) so that a refused fleet does not return at once.
        Assert.InRange(Assert.Single(_observer.Retries).Delay, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task RunAsync_BackoffStartsOverAfterACompleteSnapshot()
    {
        _collector.FailNextGreet(Rpc(StatusCode.Unavailable)).FailNextGreet(Rpc(StatusCode.Unavailable));
        _collector.NextStream().Send(new SnapshotCompleted(0)).Fail(Rpc(StatusCode.Unavailable));

        _ = Run();
        await Eventually.UntilAsync(() => _observer.Retries.Count == 3, step: () => _time.Advance(TimeSpan.FromMilliseconds(100)));

        Assert.Equal([1, 2, 1], _observer.Retries.Select(notice => notice.FailedAttempts));
    }

    [Fact]
    public async Task RunAsync_StreamEndsWithoutError_SubscribesAgain()
    {
        _collector.NextStream().Send(new SnapshotCompleted(0)).End();

        _ = Run();
        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);

        Assert.Contains("ended the stream", Assert.Single(_observer.Retries).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SilentStream_IsTreatedAsStalledAndReconnects()
    {
        _collector.NextStream().Send(new SnapshotCompleted(0));

        _ = Run();
        await Eventually.UntilAsync(() => _observer.Updates.Count == 1);
        _time.Advance(TimeSpan.FromSeconds(31));

        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);
        Assert.Contains("nothing from the collector for 30 s", Assert.Single(_observer.Retries).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefusalWhenRefusalsAreNotRetried_Throws()
    {
        _collector.FailNextGreet(Rpc(StatusCode.InvalidArgument, "window 7s is not kept"));

        var failure = await Assert.ThrowsAsync<RpcException>(() => Run(retryRefusals: false));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Empty(_observer.Retries);
    }

    [Fact]
    public async Task RunAsync_RefusalWhenRefusalsAreRetried_WaitsTheMaximumDelay()
    {
        _collector.FailNextGreet(Rpc(StatusCode.PermissionDenied, "viewer key required"));

        _ = Run();
        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);

        Assert.Equal(TimeSpan.FromSeconds(10), Assert.Single(_observer.Retries).Delay);
    }

    [Fact]
    public async Task RunAsync_GreetingNotAccepted_IsARefusal()
    {
        _collector.FailNextGreet(new GreetRefusedException("dashboards are not welcome"));

        var failure = await Assert.ThrowsAsync<GreetRefusedException>(() => Run(retryRefusals: false));

        Assert.Equal("dashboards are not welcome", failure.Message);
    }

    [Fact]
    public async Task RunAsync_ObserverFault_IsNotRetried()
    {
        _observer.ThrowOnUpdate = new InvalidOperationException("bug");
        _collector.NextStream().Send(new SnapshotCompleted(0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Run());

        Assert.Empty(_observer.Retries);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        var run = Run();
        await Eventually.UntilAsync(() => _collector.SubscribeCalls == 1);

        await _stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(_observer.Retries);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingToRetry_Stops()
    {
        _collector.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable);
        var run = Run();
        await Eventually.UntilAsync(() => !_observer.Retries.IsEmpty);

        await _stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, _collector.GreetCalls);
    }

    private Task Run(bool retryRefusals = true)
    {
        var loop = new FeedLoop(_collector, TestData.Options(), _time, NullLogger<FeedLoop>.Instance);
        return Task.Run(() => loop.RunAsync(Request, _observer, retryRefusals, _stop.Token));
    }
}
