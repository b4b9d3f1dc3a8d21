using Grpc.Core;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Live;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Live;

public sealed class LiveViewTests
{
    [Fact]
    public async Task RunAsync_QPressed_StopsTheFeedAndExitsZero()
    {
        var time = new FakeTimeProvider(Start);
        var collector = new FakeCollectorFeed();
        collector.NextStream().Send(Update(Window("sim-1")), new Ingest.Dashboard.Model.SnapshotCompleted(1));
        using var console = new TestConsole().Width(100).Height(30);
        var loop = new FeedLoop(collector, TestData.Options(), time, NullLogger<FeedLoop>.Instance);
        var view = new LiveView(new FleetLoop([loop]), TestData.Options(), time);
        var pressed = false;

        var run = Task.Run(() => view.RunAsync(
            new SubscriptionRequest([], [], null, TimeSpan.FromMilliseconds(250)),
            ViewSettings.Default,
            console,
            () => collector.SubscribeCalls > 0 && !pressed ? Press('q', ref pressed) : null,
            CancellationToken.None));

        var exit = await Eventually.CompletesAsync(run, step: () => time.Advance(TimeSpan.FromMilliseconds(50)));

        Assert.Equal(0, exit);
        Assert.Contains("Ingest dashboard", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ExitsZero()
    {
        var time = new FakeTimeProvider(Start);
        var collector = new FakeCollectorFeed { AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "connection refused") };
        using var console = new TestConsole().Width(100).Height(30);
        var view = new LiveView(new FleetLoop([new FeedLoop(collector, TestData.Options(), time, NullLogger<FeedLoop>.Instance)]), TestData.Options(), time);
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => view.RunAsync(
            new SubscriptionRequest([], [], null, TimeSpan.FromMilliseconds(250)), ViewSettings.Default, console, keys: null, stop.Token));
        await Eventually.UntilAsync(() => collector.GreetCalls > 0);
        await stop.CancelAsync();

        Assert.Equal(0, await Eventually.CompletesAsync(run, step: () => time.Advance(TimeSpan.FromMilliseconds(50))));
    }

    private static ConsoleKeyInfo? Press(char key, ref bool pressed)
    {
        pressed = true;
        return new ConsoleKeyInfo(key, ConsoleKey.Q, false, false, false);
    }
}
