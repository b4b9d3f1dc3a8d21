using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>
/// The bad-input table for <c>Control.Connect</c>: a bad hello ends the stream with its status and a message
/// naming the problem; bad later messages (acknowledgements, status) are not recorded and the stream goes on.
/// </summary>
public sealed class ControlBadInputTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public ControlBadInputTests() => _collector = new CollectorFactory().WithLogs(_logs);

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, StatusCode, string> BadHellos() => new()
    {
        { "sensor-id-empty", StatusCode.InvalidArgument, "hello: sensor_id is empty" },
        { "sensor-id-too-long", StatusCode.InvalidArgument, "at most 128 are allowed" },
        { "sensor-id-illegal", StatusCode.InvalidArgument, "has characters outside letters, digits" },
        { "kind-illegal", StatusCode.InvalidArgument, "hello: kind" },
        { "protocol-0", StatusCode.FailedPrecondition, "protocol version 0 is not spoken" },
        { "protocol-2", StatusCode.FailedPrecondition, "protocol version 2 is not spoken" },
        { "not-a-hello", StatusCode.InvalidArgument, "the first message on a control stream must be a hello" },
    };

    [Theory]
    [MemberData(nameof(BadHellos))]
    public async Task BadHello_EndsTheStreamWithItsStatusAndAMessageNamingTheProblem_AndTheOthersAreServed(string row, StatusCode code, string fragment)
    {
        var message = row switch
        {
            "sensor-id-empty" => ControlLink.Hello(""),
            "sensor-id-too-long" => ControlLink.Hello(new string('c', 129)),
            "sensor-id-illegal" => ControlLink.Hello("bad id"),
            "kind-illegal" => ControlLink.Hello("ctl-kind", kind: "no spaces allowed"),
            "protocol-0" => ControlLink.Hello("ctl-proto", protocol: 0),
            "protocol-2" => ControlLink.Hello("ctl-proto", protocol: 2),
            "not-a-hello" => new Wire.SensorMessage { Status = new Wire.SensorStatus() },
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };

        var error = await _collector.WhileOthersUploadAsync(async () =>
        {
            using var link = ControlLink.Open(_collector);
            await link.SendAsync(message);
            return await link.EndAsync();
        });

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadLaterMessages() =>
    [
        "ack-of-a-version-never-sent",
        "status-buffer-fill-nan",
        "status-buffer-fill-above-one",
        "status-rate-infinite",
        "status-time-out-of-range",
    ];

    [Theory]
    [MemberData(nameof(BadLaterMessages))]
    public async Task BadLaterMessage_IsNotRecorded_AndTheStreamGoesOn(string row)
    {
        var sensor = "ctl-" + row;
        using var link = await ControlLink.ConnectAsync(_collector, sensor);
        await link.SendAsync(GoodStatus(bufferFill: 0.25, readingsPerSecond: 10));
        await UntilStatusRecordedAsync(sensor, 0.25, "the good status before the bad message is recorded");

        await link.SendAsync(row switch
        {
            "ack-of-a-version-never-sent" => new Wire.SensorMessage { ConfigAck = new Wire.ConfigAck { Version = ulong.MaxValue, Applied = true } },
            "status-buffer-fill-nan" => Status(s => s.BufferFill = double.NaN),
            "status-buffer-fill-above-one" => Status(s => s.BufferFill = 7),
            "status-rate-infinite" => Status(s => s.ReadingsPerSecond = double.PositiveInfinity),
            "status-time-out-of-range" => Status(s => s.At = new Timestamp { Seconds = long.MaxValue }),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        });

        // A stream's messages are read in order: once a good status sent after the bad message is recorded, the
        // collector has read the bad one, and the stream went on past it.
        await link.SendAsync(GoodStatus(bufferFill: 0.75, readingsPerSecond: 30));
        await UntilStatusRecordedAsync(sensor, 0.75, "the good status after the bad message is recorded");
        Assert.True(
            _logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains(sensor, StringComparison.Ordinal) && e.Message.Contains("ignored", StringComparison.Ordinal)),
            "the collector did not say it ignored the bad message:\n" + string.Join("\n", _logs.Entries.Select(e => e.Message)));
        var state = await _collector.Admin.GetSensorConfigAsync(new Wire.GetSensorConfigRequest { SensorId = sensor });
        Assert.Equal(0.75, state.Status.BufferFill);
        Assert.Equal(30, state.Status.ReadingsPerSecond);
        Assert.InRange(state.ReportedVersion, 0UL, state.DesiredVersion);

        // The stream goes on downwards too: a command sent now still reaches the sensor.
        var reply = await _collector.Admin.SendCommandAsync(new Wire.SendCommandRequest { Scope = AdminCalls.Sensor(sensor), Command = Wire.SensorCommandKind.Flush });
        Assert.Equal(1U, reply.SensorsReached);
        var next = await link.NextNotHeartbeatAsync();
        while (next.KindCase == Wire.CollectorMessage.KindOneofCase.ConfigUpdate)
        {
            // The desired configuration, pushed because the hello reported none.
            next = await link.NextNotHeartbeatAsync();
        }

        Assert.Equal(Wire.CollectorMessage.KindOneofCase.Command, next.KindCase);
        await _collector.AssertStillServingAsync();
    }

    private Task UntilStatusRecordedAsync(string sensor, double bufferFill, string what) =>
        Eventually.UntilAsync(
            async () => (await _collector.Admin.GetSensorConfigAsync(new Wire.GetSensorConfigRequest { SensorId = sensor })).Status?.BufferFill == bufferFill,
            what);

    private static Wire.SensorMessage GoodStatus(double bufferFill, double readingsPerSecond) =>
        new() { Status = new Wire.SensorStatus { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), BufferFill = bufferFill, ReadingsPerSecond = readingsPerSecond } };

    private static Wire.SensorMessage Status(Action<Wire.SensorStatus> spoil)
    {
        var status = new Wire.SensorStatus { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), BufferFill = 0.5, ReadingsPerSecond = 20 };
        spoil(status);
        return new Wire.SensorMessage { Status = status };
    }
}
