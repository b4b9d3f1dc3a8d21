using Ingest.Collector.Control;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Control;

public sealed class ControlStreamsDrainTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControlSessions _sessions = new();

    [Fact]
    public async Task StoppingAsync_WaitsForTheOpenControlStreamsToEnd_ThenTheGrace()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        _sessions.Register(session);
        var drain = new ControlStreamsDrain(_sessions, _time);

        var stopping = drain.StoppingAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(stopping.IsCompleted);

        _sessions.Unregister(session);
        await Eventually.UntilAsync(() => stopping.IsCompleted, "the stop goes on after the grace", step: () => _time.Advance(TimeSpan.FromMilliseconds(20)));
        Assert.True(stopping.IsCompletedSuccessfully);
    }

    [Fact]
    public void StoppingAsync_NoControlStreamOpen_DoesNotHoldTheStop()
    {
        var stopping = new ControlStreamsDrain(_sessions, _time).StoppingAsync(CancellationToken.None);

        Assert.True(stopping.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task StoppingAsync_AStreamThatDoesNotEnd_HoldsTheStopNoLongerThanTheMost()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        _sessions.Register(session);
        var drain = new ControlStreamsDrain(_sessions, _time);
        var started = _time.GetTimestamp();

        var stopping = drain.StoppingAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => stopping.IsCompleted, "the stop goes on", step: () => _time.Advance(TimeSpan.FromMilliseconds(20)));

        var held = _time.GetElapsedTime(started);
        Assert.True(held >= ControlStreamsDrain.MostWait && held <= ControlStreamsDrain.MostWait + ControlStreamsDrain.Grace + TimeSpan.FromMilliseconds(200), $"held {held}");
    }

    [Fact]
    public async Task StoppingAsync_TheHostsShutdownTimeoutRunsOut_EndsAtOnce()
    {
        using var session = new ControlSession("s", "k", "peer", commandCapacity: 1);
        _sessions.Register(session);
        using var timeout = new CancellationTokenSource();
        var stopping = new ControlStreamsDrain(_sessions, _time).StoppingAsync(timeout.Token);

        await timeout.CancelAsync();

        await Eventually.CompletesAsync(stopping);
        Assert.True(stopping.IsCompletedSuccessfully);
    }
}
