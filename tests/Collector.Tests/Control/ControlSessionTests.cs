using Ingest.Collector.Control;
using Ingest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Control;

public sealed class ControlSessionTests
{
    [Fact]
    public void TryQueue_QueueFull_SkipsTheCommandAndKeepsTheQueuedOnes()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 2);

        Assert.True(session.TryQueue(ControlCommand.Pause));
        Assert.True(session.TryQueue(ControlCommand.Flush));
        Assert.False(session.TryQueue(ControlCommand.Resume));

        Assert.True(session.TryTakeCommand(out var first));
        Assert.True(session.TryTakeCommand(out var second));
        Assert.False(session.TryTakeCommand(out _));
        Assert.Equal((ControlCommand.Pause, ControlCommand.Flush), (first, second));
    }

    [Fact]
    public void Replace_StreamAlreadyEndedOnItsOwn_DoesNothing()
    {
        // A newer stream may take over just as the old one ends by itself (e.g. its silence timeout).
        var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        session.Dispose();

        session.Replace();

        Assert.Null(session.EndStatus);
    }

    [Fact]
    public void Replace_OpenStream_EndsItWithAborted()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);

        session.Replace();

        Assert.True(session.Replaced.IsCancellationRequested);
        Assert.Equal(Grpc.Core.StatusCode.Aborted, session.EndStatus?.StatusCode);
    }

    [Fact]
    public async Task WaitForWorkAsync_NothingToWrite_EndsWhenTheTimeoutPasses()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        var time = new FakeTimeProvider();

        var waiting = session.WaitForWorkAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.CompletesAsync(waiting);
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitForWorkAsync_AChangeArrives_EndsBeforeTheTimeout()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        var time = new FakeTimeProvider();

        var waiting = session.WaitForWorkAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        session.ConfigChanged();

        await Eventually.CompletesAsync(waiting);
        Assert.True(session.TakeConfigChanged());
    }

    [Fact]
    public async Task WaitForWorkAsync_Cancelled_Throws()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        using var stop = new CancellationTokenSource();

        var waiting = session.WaitForWorkAsync(TimeSpan.FromSeconds(5), new FakeTimeProvider(), stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void ConfigChanged_SeveralTimes_IsTakenOnce()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);

        session.ConfigChanged();
        session.ConfigChanged();

        Assert.True(session.TakeConfigChanged());
        Assert.False(session.TakeConfigChanged());
    }

    [Fact]
    public void TakeSent_VersionSent_GivesItsHashOnce()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        session.Sent(7, "abc", 42);

        Assert.Equal(("abc", 42L), session.TakeSent(7));
        Assert.Null(session.TakeSent(7));
        Assert.Null(session.TakeSent(8));
    }

    [Fact]
    public void Replace_EndsWithAborted()
    {
        using var session = new ControlSession("s-1", "k", "peer", commandCapacity: 1);

        session.Replace();

        Assert.True(session.Replaced.IsCancellationRequested);
        Assert.Equal(Grpc.Core.StatusCode.Aborted, session.EndStatus!.StatusCode);
    }
}
