using Grpc.Core;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Monitoring;

public sealed class ControlMonitorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<ControlMonitor> _logger = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1000 };
    private readonly ControlMonitor _monitor;

    public ControlMonitorTests() => _monitor = new ControlMonitor(Options.Create(_options), _time, _logger);

    [Fact]
    public void LogAppliedVersions_AFleetApplyingOneVersion_WritesOneInformationLine()
    {
        for (var index = 1; index <= 1000; index++)
        {
            _monitor.ReportApplied(SensorIdentity.Create(_options, index), 7, "h7");
        }

        _monitor.LogAppliedVersions();
        _monitor.LogAppliedVersions();

        var line = Assert.Single(_logger.Entries, e => e.Level >= LogLevel.Information);
        Assert.Equal("Configuration v7 applied by 1000 sensors since the last report; 1000 of 1000 sensors run it", line.Message);
        Assert.Equal(1000, _logger.Entries.Count(e => e.Level == LogLevel.Debug));
    }

    [Fact]
    public void ReportRejected_ManySensors_WritesOneWarningPerIntervalWithTheReason()
    {
        for (var index = 1; index <= 100; index++)
        {
            _monitor.ReportRejected(SensorIdentity.Create(_options, index), 8, 7, "BatchSize 20000 is out of range: this sensor allows 1 to 10000");
        }

        _time.Advance(FleetMonitor.LogInterval);
        _monitor.ReportRejected(SensorIdentity.Create(_options, 101), 8, 7, "BatchSize 20000 is out of range: this sensor allows 1 to 10000");

        var warnings = _logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("allows 1 to 10000", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("keeps running v7", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("(100 rejections since the last such line)", warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportLostAndConnected_CountSensorsAndThrottleTheFleetLines()
    {
        var failure = new RpcException(new Status(StatusCode.Unavailable, "collector stopping"));
        for (var index = 1; index <= 10; index++)
        {
            var sensor = SensorIdentity.Create(_options, index);
            _monitor.ReportConnected(sensor, "c1");
            _monitor.ReportLost(sensor, failure, TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, _monitor.ConnectedSensors);
        Assert.Equal(10, _monitor.ReconnectingSensors);
        var lost = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Unavailable: collector stopping", lost.Message, StringComparison.Ordinal);

        _monitor.ReportConnected(SensorIdentity.Create(_options, 1), "c2");
        Assert.Equal(1, _monitor.ConnectedSensors);
        Assert.Equal(9, _monitor.ReconnectingSensors);
        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Information);
    }
}
