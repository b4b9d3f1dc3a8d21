using Grpc.Core;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Monitoring;

public sealed class FleetMonitorTests
{
    private const int Sensors = 1_000;
    private static readonly RpcException Unavailable = new(new Status(StatusCode.Unavailable, "down"));
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<FleetMonitor> _logger = new();
    private readonly SimulatorOptions _options = new() { Sensors = Sensors };
    private readonly FleetMonitor _monitor;

    public FleetMonitorTests()
    {
        _monitor = new FleetMonitor(Options.Create(_options), _time, _logger);
    }

    [Fact]
    public void ReportFailure_WholeFleetRetryingRepeatedly_LogsOneWarningPerInterval()
    {
        ConnectAll();

        for (var round = 0; round < 3; round++)
        {
            FailAll();
        }

        Assert.Single(Warnings());
        Assert.Equal(Sensors, _monitor.RetryingSensors);
        Assert.Equal(0, _monitor.ConnectedSensors);

        _time.Advance(FleetMonitor.LogInterval);
        FailAll();
        Assert.Equal(2, Warnings().Count);
        Assert.Contains($"{Sensors} of {Sensors} sensors retrying", Warnings()[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportConnected_AfterAnOutage_CountsSensorsBackAndLogsRateLimited()
    {
        ConnectAll();
        FailAll();

        ConnectAll();

        Assert.Equal(Sensors, _monitor.ConnectedSensors);
        Assert.Equal(0, _monitor.RetryingSensors);
        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Information);
    }

    [Fact]
    public void ReportFailure_Misconfiguration_LogsAnErrorRateLimited()
    {
        var sensor = SensorIdentity.Create(_options, 1);
        var refused = new RpcException(new Status(StatusCode.FailedPrecondition, "protocol version 9 is not spoken by this collector"));

        _monitor.ReportFailure(sensor, refused, FaultKind.Misconfiguration, TimeSpan.FromSeconds(10));
        _monitor.ReportFailure(sensor, refused, FaultKind.Misconfiguration, TimeSpan.FromSeconds(10));

        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("FailedPrecondition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportKeyRefused_WholeFleet_DropsTheConnectedCountAndLogsOnceForEachDistinctReason()
    {
        ConnectAll();
        var wrongRole = new RpcException(new Status(StatusCode.PermissionDenied, "the key 'lab' is not bound to this sensor"));
        var unknownKey = new RpcException(new Status(StatusCode.Unauthenticated, "the key is not known"));

        for (var index = 1; index <= Sensors; index++)
        {
            _monitor.ReportKeyRefused(SensorIdentity.Create(_options, index), index % 2 == 0 ? wrongRole : unknownKey);
        }

        // Told twice about the same sensor: counted once.
        _monitor.ReportKeyRefused(SensorIdentity.Create(_options, 1), unknownKey);

        Assert.Equal(0, _monitor.ConnectedSensors);
        Assert.Equal(0, _monitor.RetryingSensors);
        Assert.Equal(Sensors, _monitor.KeyRefusedSensors);
        var errors = _logger.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, message => message.Contains("is not bound to this sensor", StringComparison.Ordinal));
        Assert.Contains(errors, message => message.Contains("the key is not known", StringComparison.Ordinal));
    }

    private void ConnectAll()
    {
        for (var index = 1; index <= Sensors; index++)
        {
            _monitor.ReportConnected(SensorIdentity.Create(_options, index));
        }
    }

    private void FailAll()
    {
        for (var index = 1; index <= Sensors; index++)
        {
            _monitor.ReportFailure(SensorIdentity.Create(_options, index), Unavailable, FaultKind.Transient, TimeSpan.FromSeconds(1));
        }
    }

    private List<(LogLevel Level, EventId EventId, string Message)> Warnings() =>
        _logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
}
