using System.Net.Http;
using Grpc.Core;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Tests.Routing;

public sealed class CollectorRouteTests
{
    private static readonly string[] Addresses = ["http://a:5000", "http://b:5000", "http://c:5000"];
    private static readonly RpcException Unavailable = new(new Status(StatusCode.Unavailable, "down"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SensorCounters _counters = new();
    private readonly ListLogger<CollectorRoute> _log = new();
    private readonly FailoverOptions _options = new() { FailuresBeforeFailover = 3, ReturnHomeAfter = TimeSpan.FromMinutes(5) };

    [Theory]
    [InlineData(1, 3, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(3, 3, 2)]
    [InlineData(4, 3, 0)]
    [InlineData(7, 2, 0)]
    [InlineData(10, 1, 0)]
    public void HomeOf_IsTheSensorIndexModTheCollectors(int index, int count, int home)
    {
        Assert.Equal(home, CollectorRoute.HomeOf(index, count));
    }

    [Fact]
    public void New_StartsOnTheHomeCollector()
    {
        var route = Create(index: 2);

        Assert.Equal((1, 1), (route.Home, route.Current));
        Assert.Equal("http://b:5000", route.AddressOf(route.Current));
    }

    [Fact]
    public void ReportFailure_BelowTheThreshold_StaysOnTheCollector()
    {
        var route = Create();

        Assert.False(route.ReportFailure(0, Unavailable, CancellationToken.None));
        Assert.False(route.ReportFailure(0, Unavailable, CancellationToken.None));

        Assert.Equal(0, route.Current);
        Assert.Equal(0, _counters.Failovers);
    }

    [Fact]
    public void ReportFailure_AtTheThreshold_MovesToTheNextCollectorLogsItOnceAndCountsIt()
    {
        var route = Create();

        route.ReportFailure(0, Unavailable, CancellationToken.None);
        route.ReportFailure(0, Unavailable, CancellationToken.None);
        Assert.True(route.ReportFailure(0, Unavailable, CancellationToken.None));

        Assert.Equal(1, route.Current);
        Assert.Equal(1, _counters.Failovers);
        var line = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("sim-temperature-0001", line.Message, StringComparison.Ordinal);
        Assert.Contains("from collector http://a:5000 to http://b:5000", line.Message, StringComparison.Ordinal);
        Assert.Contains("Unavailable: down", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportFailure_OnTheLastCollector_WrapsToTheFirst()
    {
        var route = Create(index: 3);

        FailOver(route, 2);

        Assert.Equal(0, route.Current);
    }

    [Fact]
    public void ReportAnswered_StartsTheCountAgain()
    {
        var route = Create();
        route.ReportFailure(0, Unavailable, CancellationToken.None);
        route.ReportFailure(0, Unavailable, CancellationToken.None);

        route.ReportAnswered(0);
        route.ReportFailure(0, Unavailable, CancellationToken.None);
        route.ReportFailure(0, Unavailable, CancellationToken.None);

        Assert.Equal(0, route.Current);
    }

    [Fact]
    public void ReportFailure_OfAnAttemptOnACollectorTheSensorLeft_DoesNotCountAgainstTheNewOne()
    {
        var route = Create();
        FailOver(route, 0);

        route.ReportFailure(0, Unavailable, CancellationToken.None);
        route.ReportFailure(0, Unavailable, CancellationToken.None);
        route.ReportFailure(0, Unavailable, CancellationToken.None);

        Assert.Equal(1, route.Current);
        Assert.Equal(1, _counters.Failovers);
    }

    public static TheoryData<Exception> CollectorDownFailures => new()
    {
        new RpcException(new Status(StatusCode.Unavailable, "down")),
        new RpcException(new Status(StatusCode.ResourceExhausted, "busy")),
        new RpcException(new Status(StatusCode.DeadlineExceeded, "")),
        new HttpRequestException("Connection refused"),
        new IOException("reset"),
        new BrokenCircuitException(),
        new Ingest.SensorSimulator.Faults.ControlStreamLostException("silent"),
    };

    [Theory]
    [MemberData(nameof(CollectorDownFailures))]
    public void ReportFailure_UnreachableOrRefusingCollector_CountsTowardFailover(Exception failure)
    {
        var route = Create();

        for (var i = 0; i < _options.FailuresBeforeFailover; i++)
        {
            route.ReportFailure(0, failure, CancellationToken.None);
        }

        Assert.Equal(1, route.Current);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.Internal)]
    public void ReportFailure_ThatAnotherCollectorWouldAnswerTheSame_NeverMoves(StatusCode status)
    {
        var route = Create();

        for (var i = 0; i < 10; i++)
        {
            route.ReportFailure(0, new RpcException(new Status(status, "")), CancellationToken.None);
        }

        Assert.Equal(0, route.Current);
    }

    [Fact]
    public void ReportFailure_OurOwnCancellation_NeverMoves()
    {
        var route = Create();
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        for (var i = 0; i < 10; i++)
        {
            route.ReportFailure(0, new OperationCanceledException(stopped.Token), stopped.Token);
        }

        Assert.Equal(0, route.Current);
    }

    [Fact]
    public void ReportFailure_WithOneCollector_NeverMovesNorLogs()
    {
        var route = new CollectorRoute(SensorIdentity.Create(new SimulatorOptions(), 1), ["http://a:5000"], _options, _counters, _time, _log);

        for (var i = 0; i < 10; i++)
        {
            Assert.False(route.ReportFailure(0, Unavailable, CancellationToken.None));
        }

        Assert.Equal(0, route.Current);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void ReturnHomeIfDue_BeforeTheSensorHasBeenAwayLongEnough_Stays()
    {
        var route = Create();
        FailOver(route, 0);

        _time.Advance(_options.ReturnHomeAfter - TimeSpan.FromSeconds(1));

        Assert.False(route.ReturnHomeIfDue());
        Assert.Equal(1, route.Current);
    }

    [Fact]
    public void ReturnHomeIfDue_AfterTheSensorHasBeenAwayLongEnough_GoesHomeAndSaysWhy()
    {
        var route = Create();
        FailOver(route, 0);

        _time.Advance(_options.ReturnHomeAfter);

        Assert.True(route.ReturnHomeIfDue());
        Assert.Equal(0, route.Current);
        Assert.Equal(2, _counters.Failovers);
        Assert.Contains("from collector http://b:5000 to http://a:5000: back to its home collector", _log.Entries[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnHomeIfDue_OnTheHomeCollector_DoesNothing()
    {
        var route = Create();

        _time.Advance(TimeSpan.FromDays(1));

        Assert.False(route.ReturnHomeIfDue());
        Assert.Equal(0, _counters.Failovers);
    }

    [Fact]
    public void ReturnHomeIfDue_HomeStillDown_FailsOverAgainAndWaitsAsLongOnceMore()
    {
        var route = Create();
        FailOver(route, 0);
        _time.Advance(_options.ReturnHomeAfter);
        route.ReturnHomeIfDue();

        FailOver(route, 0);
        _time.Advance(_options.ReturnHomeAfter - TimeSpan.FromSeconds(1));

        Assert.Equal(1, route.Current);
        Assert.False(route.ReturnHomeIfDue());
    }

    [Fact]
    public async Task WhenMoved_CompletesAtTheNextMoveOnly()
    {
        var route = Create();
        var moved = route.WhenMoved;
        Assert.False(moved.IsCompleted);

        FailOver(route, 0);

        await Eventually.CompletesAsync(moved);
        Assert.False(route.WhenMoved.IsCompleted);
    }

    private CollectorRoute Create(int index = 1) =>
        new(SensorIdentity.Create(new SimulatorOptions(), index), Addresses, _options, _counters, _time, _log);

    private void FailOver(CollectorRoute route, int from)
    {
        for (var i = 0; i < _options.FailuresBeforeFailover; i++)
        {
            route.ReportFailure(from, Unavailable, CancellationToken.None);
        }
    }
}
