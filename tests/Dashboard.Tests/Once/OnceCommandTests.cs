using Grpc.Core;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Once;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Once;

public sealed class OnceCommandTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeCollectorFeed _collector = new();
    private readonly TestConsole _console = new TestConsole().Width(160);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _console.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunAsync_SnapshotArrives_PrintsItAsATableAndExitsZero()
    {
        _collector.NextStream().Send(
            new StatisticsUpdate(Totals()),
            Update(Window("sim-temperature-0001", last: 21.75)),
            Update(Window("sim-humidity-0002", kind: "humidity", status: SensorStatus.Stale, last: 55.5)),
            new SnapshotCompleted(2));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("sim-temperature-0001", _console.Output, StringComparison.Ordinal);
        Assert.Contains("21.75", _console.Output, StringComparison.Ordinal);
        Assert.Contains("▲ stale", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("q quit", _console.Output, StringComparison.Ordinal);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task RunAsync_SensorWithOnlyRejectedBatches_IsPrintedWithItsCountAndReason()
    {
        _collector.NextStream().Send(
            new StatisticsUpdate(Totals()),
            Update(Window("sim-temperature-0001", last: 21.75)),
            Update(RejectedOnly("sim-skewed-0004", rejected: 42)),
            new SnapshotCompleted(2));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("● rejected", _console.Output, StringComparison.Ordinal);
        var words = string.Join(' ', _console.Output.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rejected sim-skewed-0004: 42 batches, latest: " + SkewReason, words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UpdatesAfterTheSnapshot_AreNotWaitedFor()
    {
        _collector.NextStream().Send(new SnapshotCompleted(0));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("no sensors to show yet", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CollectorUnreachableUntilTheTimeout_ExitsTwoNamingTheAddressAndTheError()
    {
        _collector.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "Error connecting to subchannel: connection refused");

        var exit = await Eventually.CompletesAsync(Run(Request()), step: () => _time.Advance(TimeSpan.FromMilliseconds(200)));

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Equal(
            $"error: could not reach the collector at {Address} within 10 s: Unavailable: Error connecting to subchannel: connection refused",
            _error.ToString().Trim());
        Assert.True(_collector.GreetCalls > 1, "it retried within the timeout");
        Assert.Empty(_console.Output);
    }

    [Fact]
    public async Task RunAsync_ReachableAfterAFewAttempts_StillSucceeds()
    {
        _collector.FailNextGreet(Rpc(StatusCode.Unavailable)).FailNextGreet(Rpc(StatusCode.Unavailable));
        _collector.NextStream().Send(Update(Window("sim-1")), new SnapshotCompleted(1));

        var exit = await Eventually.CompletesAsync(Run(Request()), step: () => _time.Advance(TimeSpan.FromMilliseconds(100)));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("sim-1", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SnapshotNeverCompletes_ExitsTwoSayingSo()
    {
        _collector.NextStream().Send(Update(Window("sim-1")));

        var exit = await Eventually.CompletesAsync(Run(Request()), step: () => _time.Advance(TimeSpan.FromSeconds(1)));

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Contains("did not complete its snapshot within 10 s", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CollectorRefuses_ExitsThreeWithItsStatus()
    {
        _collector.FailNextGreet(Rpc(StatusCode.Unimplemented, "Service is unimplemented."));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains($"the collector at {Address} refused the subscription: Unimplemented: Service is unimplemented.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CollectorRefusesTheKey_ExitsFourNamingTheApiKeySetting()
    {
        _collector.FailNextGreet(Rpc(StatusCode.PermissionDenied, "the key 'sensors' has role Sensor; Subscribe needs a Viewer key"));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.KeyRefused, exit);
        Assert.Contains(
            $"the collector at {Address} refused the key: PermissionDenied: the key 'sensors' has role Sensor; Subscribe needs a Viewer key; set Dashboard:ApiKey",
            _error.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_WritesTheSnapshotAsJsonLines()
    {
        _collector.NextStream().Send(new StatisticsUpdate(Totals()), Update(Window("sim-1")), new SnapshotCompleted(1));

        var exit = await Eventually.CompletesAsync(Run(Request() with { Json = true }));

        Assert.Equal(ExitCodes.Success, exit);
        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"type\":\"snapshot_complete\"", lines[2], StringComparison.Ordinal);
        Assert.Empty(_console.Output);
    }

    [Fact]
    public async Task RunAsync_Interrupted_Exits130()
    {
        using var interrupt = new CancellationTokenSource();
        var run = Run(Request(), interrupt.Token);
        await Eventually.UntilAsync(() => _collector.SubscribeCalls == 1);

        await interrupt.CancelAsync();

        Assert.Equal(ExitCodes.Interrupted, await Eventually.CompletesAsync(run));
    }

    private static ViewRequest Request() =>
        new([], [], SortOrder.Id, null, [], ViewRequest.DefaultTimeout, Once: true, Json: false);

    private Task<int> Run(ViewRequest request, CancellationToken cancellationToken = default)
    {
        var loop = new FeedLoop(_collector, TestData.Options(), _time, NullLogger<FeedLoop>.Instance);
        var command = new OnceCommand(new FleetLoop([loop]), TestData.Options(), _time);
        var subscription = new SubscriptionRequest([], [], null, TimeSpan.FromMilliseconds(250));
        return Task.Run(() => command.RunAsync(request, subscription, _console, _output, _error, cancellationToken));
    }
}
