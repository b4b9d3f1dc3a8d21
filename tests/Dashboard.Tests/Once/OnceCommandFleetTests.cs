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

/// <summary><c>--once</c> over two collectors that share one database, each a fake Subscribe stream.</summary>
public sealed class OnceCommandFleetTests : IDisposable
{
    private const string AddressA = "http://127.0.0.1:5000";
    private const string AddressB = "http://127.0.0.1:5001";

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeCollectorFeed _a = new() { Identity = new("collector-a", "1.0.0") };
    private readonly FakeCollectorFeed _b = new() { Identity = new("collector-b", "1.0.0") };
    private readonly TestConsole _console = new TestConsole().Width(200);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _console.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunAsync_WindowSplitBetweenTwoCollectors_PrintsItMergedWithTheFleetTotals()
    {
        _a.NextStream().Send(
            new StatisticsUpdate(Totals(live: 0) with { ReadingsPerSecond = 40, CollectorInstanceId = "collector-a", SensorsConnected = 0 }),
            Update(Window("sim-temperature-0001", count: 40, mean: 10, last: 9.5, rate: 40) with { Min = 5, Max = 12 }),
            new SnapshotCompleted(1));
        _b.NextStream().Send(
            new StatisticsUpdate(Totals(live: 1) with { ReadingsPerSecond = 60, CollectorInstanceId = "collector-b", SensorsConnected = 1 }),
            Update(Window("sim-temperature-0001", count: 60, mean: 20, last: 22.25, rate: 60) with { Min = 15, Max = 25 }),
            Update(Window("sim-humidity-0002", kind: "humidity", count: 100, mean: 55, last: 55.5)),
            new SnapshotCompleted(2));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(_error.ToString());
        var cells = Line("sim-temperature-0001").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("22.25", cells);   // last: from B, which reported later
        Assert.Contains("5", cells);       // min over both parts
        Assert.Contains("16", cells);      // mean: (10 × 40 + 20 × 60) / 100
        Assert.Contains("25", cells);      // max over both parts
        Assert.Contains("100.0", cells);   // readings per second of the whole window
        Assert.Contains("2 of 2 collectors current", _console.Output, StringComparison.Ordinal);
        Assert.Contains(AddressA, _console.Output, StringComparison.Ordinal);
        Assert.Contains(AddressB, _console.Output, StringComparison.Ordinal);
        Assert.Contains("ingest 100.0 readings/s", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WindowSplitBetweenTwoCollectors_JsonHasTheTrueCount()
    {
        _a.NextStream().Send(Update(Window("sim-1", count: 40, mean: 10)), new SnapshotCompleted(1));
        _b.NextStream().Send(Update(Window("sim-1", count: 60, mean: 20)), new SnapshotCompleted(1));

        var exit = await Eventually.CompletesAsync(Run(Request() with { Json = true }));

        Assert.Equal(ExitCodes.Success, exit);
        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"count\":100", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"mean\":16", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"snapshot_complete\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneCollectorDown_PrintsTheOthersSnapshotAndWarnsNamingTheDownOne()
    {
        _a.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "Error connecting to subchannel: connection refused");
        _b.NextStream().Send(Update(Window("sim-1", last: 21.75)), new SnapshotCompleted(1));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("sim-1", _console.Output, StringComparison.Ordinal);
        Assert.Contains("21.75", _console.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 collectors current", _console.Output, StringComparison.Ordinal);
        Assert.Contains("connection refused", _console.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"warning: the snapshot leaves out the collector at {AddressA}: could not reach the collector at {AddressA} within 10 s: " +
            "Unavailable: Error connecting to subchannel: connection refused",
            _error.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryCollectorDownUntilTheTimeout_ExitsTwoNamingEach()
    {
        _a.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "refused a");
        _b.AlwaysFailGreetWith = Rpc(StatusCode.Unavailable, "refused b");

        var exit = await Eventually.CompletesAsync(Run(Request()), step: () => _time.Advance(TimeSpan.FromMilliseconds(200)));

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Contains($"could not reach the collector at {AddressA} within 10 s: Unavailable: refused a", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"could not reach the collector at {AddressB} within 10 s: Unavailable: refused b", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_console.Output);
    }

    [Fact]
    public async Task RunAsync_EveryCollectorRefusesTheKey_ExitsFour()
    {
        _a.FailNextGreet(Rpc(StatusCode.Unauthenticated, "unknown key"));
        _b.FailNextGreet(Rpc(StatusCode.Unauthenticated, "unknown key"));

        var exit = await Eventually.CompletesAsync(Run(Request()));

        Assert.Equal(ExitCodes.KeyRefused, exit);
        Assert.Contains("refused the key: Unauthenticated: unknown key; set Dashboard:ApiKey", _error.ToString(), StringComparison.Ordinal);
    }

    private string Line(string sensorId) =>
        Assert.Single(_console.Lines, line => line.Contains(sensorId, StringComparison.Ordinal));

    private static ViewRequest Request() =>
        new([], [], SortOrder.Id, null, [], ViewRequest.DefaultTimeout, Once: true, Json: false);

    private Task<int> Run(ViewRequest request)
    {
        var options = TestData.Options();
        var fleet = new FleetLoop(
        [
            new FeedLoop(_a, AddressA, options, _time, NullLogger<FeedLoop>.Instance),
            new FeedLoop(_b, AddressB, options, _time, NullLogger<FeedLoop>.Instance),
        ]);
        var command = new OnceCommand(fleet, options, _time);
        var subscription = new SubscriptionRequest([], [], null, TimeSpan.FromMilliseconds(250));
        return Task.Run(() => command.RunAsync(request, subscription, _console, _output, _error, CancellationToken.None));
    }
}
