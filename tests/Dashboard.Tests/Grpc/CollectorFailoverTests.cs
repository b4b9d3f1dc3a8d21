using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Export;
using Ingest.Dashboard.Grpc;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Grpc;

public sealed class CollectorFailoverTests
{
    private readonly FakeAdminClient _first = new();
    private readonly FakeAdminClient _second = new();

    [Fact]
    public async Task ListOverrides_FirstCollectorUnavailable_IsAnsweredByTheNext()
    {
        _first.FailWith = Rpc(StatusCode.Unavailable, "connection refused");
        _second.Overrides = [new ConfigOverride(ConfigScope.ForKind("humidity"), new Dictionary<string, string> { ["BatchSize"] = "200" }, Start)];

        var overrides = await Admin().ListOverridesAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(ConfigScope.ForKind("humidity"), Assert.Single(overrides).Scope);
    }

    [Fact]
    public async Task SendCommand_FirstCollectorAnswers_IsNotSentToTheNext()
    {
        _first.CommandResult = new CommandResult(2, 0);

        var result = await Admin().SendCommandAsync(ConfigScope.All, SensorCommandKind.Flush, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(2U, result.SensorsReached);
        Assert.NotNull(_first.LastCommand);
        Assert.Null(_second.LastCommand);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task SetOverride_FirstCollectorAnswersAnError_IsThatAnswerWithoutTryingTheNext(StatusCode status)
    {
        _first.FailWith = Rpc(status, "no");

        var exception = await Assert.ThrowsAsync<RpcException>(() => Admin().SetOverrideAsync(
            ConfigScope.All, new Dictionary<string, string> { ["BatchSize"] = "0" }, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(status, exception.StatusCode);
        Assert.Null(_second.LastSet);
    }

    [Fact]
    public async Task GetSensor_EveryCollectorUnavailable_ThrowsTheLastOnesFailure()
    {
        _first.FailWith = Rpc(StatusCode.Unavailable, "first down");
        _second.FailWith = Rpc(StatusCode.Unavailable, "second down");

        var exception = await Assert.ThrowsAsync<RpcException>(
            () => Admin().GetSensorAsync("sim-1", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal("second down", exception.Status.Detail);
    }

    [Fact]
    public async Task Read_FirstCollectorUnavailableBeforeAnyReading_ReadsFromTheNext()
    {
        var down = new FakeReadingsSource { FailWith = Rpc(StatusCode.Unavailable, "down") };
        var up = new FakeReadingsSource();
        up.Readings.Add(new StoredReading(1_000, 1.5));
        var source = Readings(down, up);

        var readings = new List<StoredReading>();
        await foreach (var reading in source.ReadAsync("sim-1", Start, Start.AddMinutes(1), CancellationToken.None))
        {
            readings.Add(reading);
        }

        Assert.Equal(1.5, Assert.Single(readings).Value);
    }

    [Fact]
    public async Task Read_CollectorFailsAfterReadingsArrived_FailsInsteadOfRepeatingThemFromTheNext()
    {
        var breaking = new FakeReadingsSource { FailWith = Rpc(StatusCode.Unavailable, "gone mid-stream") };
        breaking.Readings.Add(new StoredReading(1_000, 1.5));
        var other = new FakeReadingsSource();
        other.Readings.Add(new StoredReading(1_000, 1.5));
        var source = Readings(breaking, other);
        var read = new List<StoredReading>();

        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reading in source.ReadAsync("sim-1", Start, Start.AddMinutes(1), CancellationToken.None))
            {
                read.Add(reading);
            }
        });

        Assert.Equal("gone mid-stream", exception.Status.Detail);
        Assert.Single(read);
        Assert.Null(other.LastRequest);
    }

    private FailoverAdminClient Admin() => new(
        new CollectorFailover<ISensorConfigAdmin>([("http://a:5000", _first), ("http://b:5000", _second)], NullLogger.Instance),
        new CollectorFailover<ISensorCommandAdmin>([("http://a:5000", _first), ("http://b:5000", _second)], NullLogger.Instance));

    private static FailoverReadingsSource Readings(params IReadingsSource[] sources) =>
        new(new CollectorFailover<IReadingsSource>(
            sources.Select((source, index) => ($"http://c{index}:5000", source)).ToArray(), NullLogger.Instance));
}
