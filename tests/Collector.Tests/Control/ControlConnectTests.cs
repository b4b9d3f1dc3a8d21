using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Control;

public sealed class ControlConnectTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Connect_Hello_IsWelcomedWithInstanceIdAndHeartbeatIntervalThenGetsTheDesiredConfig()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-welcome");

        var update = await link.NextUpdateAsync();

        Assert.NotEmpty(link.Welcome.CollectorInstanceId);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(5)), link.Welcome.HeartbeatInterval);
        var state = await _collector.Admin.StateAsync("ctl-welcome");
        Assert.Equal((state.DesiredVersion, state.DesiredHash), (update.Version, update.Hash));
        Assert.Equal(state.Desired, update.Config);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(10)), update.Config.SamplingInterval);
        Assert.True(update.Config.Enabled);
    }

    [Fact]
    public async Task Connect_OverrideSet_IsPushedAndOnceAcknowledgedTheSensorIsInSync()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-push");
        var initial = await link.NextUpdateAsync();
        await link.AckAsync(initial.Version);

        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("ctl-push"), ("SamplingInterval", "50ms"));
        var update = await link.NextUpdateAsync();
        await link.AckAsync(update.Version);

        Assert.Equal((1U, update.Version), (reply.SensorsAffected, reply.Version));
        Assert.True(update.Version > initial.Version);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(50)), update.Config.SamplingInterval);
        await Eventually.UntilAsync(async () => (await _collector.Admin.StateAsync("ctl-push")).State == Wire.ConfigState.InSync, "the sensor is in sync");
        var state = await _collector.Admin.StateAsync("ctl-push");
        Assert.Equal((update.Version, update.Hash, update.Version, update.Hash), (state.DesiredVersion, state.DesiredHash, state.ReportedVersion, state.ReportedHash));
        Assert.True(state.Connected);
        Assert.NotNull(state.LastSeen);
    }

    [Fact]
    public async Task Connect_SensorRejectsTheUpdate_StateIsRejectedWithTheReasonAndTheDesiredConfigStays()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-reject");
        var initial = await link.NextUpdateAsync();
        await link.AckAsync(initial.Version);
        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("ctl-reject"), ("BatchSize", "5000"));

        var update = await link.NextUpdateAsync();
        await link.AckAsync(update.Version, applied: false, reason: "buffer too small for 5000 readings");

        await Eventually.UntilAsync(async () => (await _collector.Admin.StateAsync("ctl-reject")).State == Wire.ConfigState.Rejected, "the rejection shows");
        var state = await _collector.Admin.StateAsync("ctl-reject");
        Assert.Equal("buffer too small for 5000 readings", state.RejectionReason);
        Assert.Equal((reply.Version, 5000U), (state.DesiredVersion, state.Desired.BatchSize));
        Assert.Equal(initial.Version, state.ReportedVersion);
    }

    [Fact]
    public async Task Connect_SecondStreamForTheSameSensor_EndsTheFirstWithAbortedAndKeepsWorking()
    {
        using var first = await ControlLink.ConnectAsync(_collector, "ctl-replace");
        using var second = await ControlLink.ConnectAsync(_collector, "ctl-replace");

        var ended = await first.EndAsync();
        Assert.Equal(StatusCode.Aborted, ended.StatusCode);
        Assert.Contains("replaced by a newer control stream for ctl-replace", ended.Status.Detail, StringComparison.Ordinal);

        var initial = await second.NextUpdateAsync();
        await second.AckAsync(initial.Version);
        var reply = await _collector.Admin.SetAsync(AdminCalls.Sensor("ctl-replace"), ("Enabled", "false"));
        var update = await second.NextUpdateAsync();
        Assert.Equal((reply.Version, false), (update.Version, update.Config.Enabled));
        Assert.True((await _collector.Admin.StateAsync("ctl-replace")).Connected);
    }

    [Fact]
    public async Task Connect_StreamEnds_SensorShowsDisconnected()
    {
        using (var link = await ControlLink.ConnectAsync(_collector, "ctl-leave"))
        {
            await link.NextUpdateAsync();
            await link.CompleteAsync();
            await Eventually.UntilAsync(async () => !(await _collector.Admin.StateAsync("ctl-leave")).Connected, "the sensor shows disconnected");
        }

        Assert.Equal(Wire.ConfigState.Pending, (await _collector.Admin.StateAsync("ctl-leave")).State);
    }

    [Fact]
    public async Task Connect_Status_IsKeptAsTheSensorsLatestStatus()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-status");
        await link.SendAsync(new Wire.SensorMessage
        {
            Status = new Wire.SensorStatus { BufferFill = 0.25, DroppedReadings = 3, ReadingsPerSecond = 100, Paused = true, SampledReadings = 1234 },
        });

        await Eventually.UntilAsync(async () => (await _collector.Admin.StateAsync("ctl-status")).Status is not null, "the status is kept");
        var status = (await _collector.Admin.StateAsync("ctl-status")).Status;
        Assert.Equal((0.25, 3UL, 100.0, true, 1234UL, false), (status.BufferFill, status.DroppedReadings, status.ReadingsPerSecond, status.Paused, status.SampledReadings, status.Disabled));
    }

    [Fact]
    public async Task Connect_FirstMessageNotAHello_IsInvalidArgument()
    {
        using var link = ControlLink.Open(_collector);
        await link.SendAsync(new Wire.SensorMessage { Heartbeat = new Wire.Heartbeat() });

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("the first message on a control stream must be a hello", error.Status.Detail, StringComparison.Ordinal);
        await _collector.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public async Task Connect_HelloWithBadSensorId_IsInvalidArgument(string sensorId)
    {
        using var link = ControlLink.Open(_collector);
        await link.SendAsync(ControlLink.Hello(sensorId));

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("sensor_id", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_HelloWithBadKind_IsInvalidArgument()
    {
        using var link = ControlLink.Open(_collector);
        await link.SendAsync(ControlLink.Hello("ctl-kind", kind: "no spaces please"));

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("kind", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    public async Task Connect_HelloWithProtocolNotSpoken_FailsPrecondition(uint protocol)
    {
        using var link = ControlLink.Open(_collector);
        await link.SendAsync(ControlLink.Hello("ctl-proto", protocol: protocol));

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"protocol version {protocol}", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SecondHello_IsInvalidArgument()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-twice");
        try
        {
            await link.SendAsync(ControlLink.Hello("ctl-twice"));
        }
        catch (RpcException)
        {
            // The collector may end the call while the write is still being flushed: its status says why.
        }

        var error = await link.EndAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("second hello", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_CollectorStopping_EndsTheStreamWithUnavailable()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "ctl-stop");
        await link.NextUpdateAsync();

        var stopping = Task.Run(() => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(_collector.Services).StopApplication());
        var error = await link.EndAsync();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("shutting down", error.Status.Detail, StringComparison.Ordinal);
        await stopping;
    }
}
