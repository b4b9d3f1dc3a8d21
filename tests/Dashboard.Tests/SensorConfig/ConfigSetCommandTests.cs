using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.SensorConfig;

public sealed class ConfigSetCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> BatchSize = new() { ["BatchSize"] = "20000" };

    private readonly FakeAdminClient _admin = new() { OverrideResult = new OverrideResult(2, 7) };
    private readonly FakeTimeProvider _time = new(Start);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunAsync_WithoutWait_PrintsTheVersionAndHowManySensorsItAffected()
    {
        var exit = await Run(Request(ConfigScope.ForKind("pressure"), wait: false));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("version 7: 2 sensors affected", Lines().Single());
        Assert.Equal(ConfigScope.ForKind("pressure"), _admin.LastSet?.Scope);
        Assert.Equal("20000", _admin.LastSet?.Settings["BatchSize"]);
        Assert.Equal(0, _admin.ListCalls);
    }

    [Fact]
    public async Task RunAsync_NothingChanged_SaysSoAndDoesNotWait()
    {
        _admin.OverrideResult = new OverrideResult(0, 0);

        var exit = await Run(Request(ConfigScope.ForKind("pressure"), wait: true));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("no sensor's configuration changed: the override of kind pressure is saved", Lines().Single(), StringComparison.Ordinal);
        Assert.Equal(0, _admin.ListCalls);
    }

    [Fact]
    public async Task Wait_AllAcknowledge_ExitsZeroWithTheSummaryLine()
    {
        // The first poll finds one sensor still on v6; the second finds both on v7. A sensor whose desired
        // version is older than 7 was not touched by the change and is not waited for.
        _admin.Listing = call =>
        [
            Sensor("sim-pressure-0001", desired: 7, reported: call == 0 ? 6UL : 7UL),
            Sensor("sim-pressure-0002", desired: 7, reported: 7),
            Sensor("sim-pressure-0003", desired: 5, reported: 4, connected: false),
        ];

        var exit = await Eventually.CompletesAsync(Run(Request(ConfigScope.ForKind("pressure"), wait: true)), step: Tick);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("version 7: 2 sensors affected", Lines()[0]);
        Assert.Matches(@"^v7 acknowledged by 2 of 2 sensors in \d+\.\d\d s$", Lines()[1]);
        Assert.Equal(2, Lines().Count);
        Assert.Equal(new SensorFilter([], ["pressure"]), _admin.LastFilter, new FilterComparer());
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task Wait_SomeReject_ExitsThreeListingTheReasons()
    {
        _admin.Listing = _ =>
        [
            Sensor("sim-pressure-0001", desired: 7, reported: 7),
            Sensor("sim-pressure-0003", desired: 7, reported: 6, state: ConfigState.Rejected,
                reason: "BatchSize 20000 is out of range: this sensor allows 1 to 10000"),
        ];

        var exit = await Eventually.CompletesAsync(Run(Request(ConfigScope.All, wait: true)), step: Tick);

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.StartsWith("v7 acknowledged by 1 of 2 sensors in ", Lines()[1], StringComparison.Ordinal);
        Assert.Equal("1 rejected: sim-pressure-0003: BatchSize 20000 is out of range: this sensor allows 1 to 10000", Lines()[2]);
        Assert.Equal(SensorFilter.All, _admin.LastFilter);
    }

    [Fact]
    public async Task Wait_ManyReject_NamesTheFirstFewAndCountsTheRest()
    {
        _admin.Listing = _ => Enumerable.Range(1, 5)
            .Select(i => Sensor($"s-{i}", desired: 7, reported: 6, state: ConfigState.Rejected, reason: $"reason {i}"))
            .ToArray();

        var exit = await Eventually.CompletesAsync(Run(Request(ConfigScope.All, wait: true)), step: Tick);

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Equal("5 rejected: s-1: reason 1; s-2: reason 2; s-3: reason 3; and 2 more", Lines()[2]);
    }

    [Fact]
    public async Task Wait_NeverAcknowledged_ExitsThreeAfterTheTimeoutNamingWhoIsMissing()
    {
        _admin.Listing = _ =>
        [
            Sensor("sim-1", desired: 7, reported: 7),
            Sensor("sim-2", desired: 7, reported: 6),
            Sensor("sim-3", desired: 7, reported: 0, connected: false),
        ];

        var run = Run(Request(ConfigScope.ForSensor("sim-2"), wait: true, timeout: TimeSpan.FromSeconds(2)));
        var exit = await Eventually.CompletesAsync(run, step: Tick);

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Equal("v7 acknowledged by 1 of 3 sensors; timed out after 2 s", Lines()[1]);
        Assert.Equal("2 not acknowledged: sim-2, sim-3 (not connected)", Lines()[2]);
        Assert.True(_admin.ListCalls >= 2, "it polled more than once before giving up");
        Assert.Equal(new SensorFilter(["sim-2"], []), _admin.LastFilter, new FilterComparer());
    }

    [Fact]
    public async Task Wait_OnATerminal_ShowsProgressAndClearsItBeforeTheSummary()
    {
        _admin.Listing = call => [Sensor("sim-1", desired: 7, reported: call < 2 ? 6UL : 7UL)];
        var terminal = new TestConsole();

        var exit = await Eventually.CompletesAsync(
            Command().RunAsync(Request(ConfigScope.All, wait: true), new CommandOutput(_output, _error, terminal), CancellationToken.None),
            step: Tick);

        Assert.Equal(ExitCodes.Success, exit);
        var text = _output.ToString();
        Assert.Contains("\rwaiting for v7: 0 of 1 acknowledged, 0 rejected, 1 waiting", text, StringComparison.Ordinal);
        Assert.Matches(@"\r +\rv7 acknowledged by 1 of 1 sensor in ", text);
    }

    [Fact]
    public async Task Wait_WithoutATerminal_PrintsNoProgress()
    {
        _admin.Listing = call => [Sensor("sim-1", desired: 7, reported: call < 2 ? 6UL : 7UL)];

        await Eventually.CompletesAsync(Run(Request(ConfigScope.All, wait: true)), step: Tick);

        Assert.DoesNotContain("waiting", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CollectorUnreachable_ExitsTwo()
    {
        _admin.FailWith = Rpc(StatusCode.Unavailable, "Error connecting to subchannel.");

        var exit = await Run(Request(ConfigScope.All, wait: false));

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Contains($"error: the collector at {Address} is unavailable, try again: Unavailable: Error connecting to subchannel.", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunAsync_InvalidArgument_ExitsThreePrintingTheCollectorsMessageAsIs()
    {
        _admin.FailWith = Rpc(StatusCode.InvalidArgument, "BatchSize '0' is out of range: 1 to 10000");

        var exit = await Run(Request(ConfigScope.All, wait: false));

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("answered InvalidArgument: BatchSize '0' is out of range: 1 to 10000", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Interrupted_Exits130()
    {
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        var exit = await Command().RunAsync(Request(ConfigScope.All, wait: true), Output(), interrupted.Token);

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("Interrupted", _error.ToString(), StringComparison.Ordinal);
    }

    private static ConfigSetRequest Request(ConfigScope scope, bool wait, TimeSpan? timeout = null) =>
        new(scope, BatchSize, wait, [], timeout ?? TimeSpan.FromSeconds(30));

    private void Tick() => _time.Advance(AcknowledgementWait.PollInterval);

    private List<string> Lines() =>
        _output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private CommandOutput Output() => new(_output, _error, null);

    private ConfigSetCommand Command() => new(_admin, TestData.Options(), _time, NullLogger<ConfigSetCommand>.Instance);

    private Task<int> Run(ConfigSetRequest request) => Command().RunAsync(request, Output(), CancellationToken.None);

    private sealed class FilterComparer : IEqualityComparer<SensorFilter?>
    {
        public bool Equals(SensorFilter? x, SensorFilter? y) =>
            x is not null && y is not null && x.SensorPatterns.SequenceEqual(y.SensorPatterns) && x.Kinds.SequenceEqual(y.Kinds);

        public int GetHashCode(SensorFilter? obj) => 0;
    }
}
