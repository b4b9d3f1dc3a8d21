using Google.Protobuf.WellKnownTypes;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Grpc;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Dashboard.Tests.Grpc;

public sealed class AdminMapperTests
{
    [Fact]
    public void ToWire_Scope_SetsTheOneTargetOfEachLevel()
    {
        Assert.Equal("sim-1", AdminMapper.ToWire(ConfigScope.ForSensor("sim-1")).SensorId);
        Assert.Equal("pressure", AdminMapper.ToWire(ConfigScope.ForKind("pressure")).Kind);
        Assert.Equal(Wire.ConfigScope.TargetOneofCase.All, AdminMapper.ToWire(ConfigScope.All).TargetCase);
        Assert.Equal(Wire.SensorCommandKind.Flush, AdminMapper.ToWire(SensorCommandKind.Flush));
    }

    [Fact]
    public void ToModel_SensorConfigState_MapsEveryField()
    {
        var wire = new Wire.SensorConfigState
        {
            SensorId = "sim-1",
            Kind = "pressure",
            DesiredVersion = 7,
            DesiredHash = "abc",
            Desired = new Wire.SensorConfig
            {
                SamplingInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(50)),
                BatchSize = 200,
                BatchMaxAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
                UploadWindowBatches = 10,
                UploadWindowDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
                Enabled = true,
                StatusInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
            },
            ReportedVersion = 6,
            ReportedHash = "def",
            State = Wire.ConfigState.Rejected,
            RejectionReason = "too big",
            Connected = true,
            LastSeen = Timestamp.FromDateTimeOffset(TestData.Start),
            Status = new Wire.SensorStatus { At = Timestamp.FromDateTimeOffset(TestData.Start), BufferFill = 0.5, Paused = true, ReadingsPerSecond = 20 },
            Overrides = { new Wire.ConfigOverride { Scope = new Wire.ConfigScope { Kind = "pressure" }, Settings = { ["BatchSize"] = "200" } } },
        };

        var model = AdminMapper.ToModel(wire);

        Assert.Equal(("sim-1", "pressure", 7UL, "abc", 6UL, "def"), (model.SensorId, model.Kind, model.DesiredVersion, model.DesiredHash, model.ReportedVersion, model.ReportedHash));
        Assert.Equal(new SensorConfigValues(TimeSpan.FromMilliseconds(50), 200, TimeSpan.FromSeconds(1), 10, TimeSpan.FromSeconds(5), true, TimeSpan.FromSeconds(2)), model.Desired);
        Assert.Equal(ConfigState.Rejected, model.State);
        Assert.Equal("too big", model.RejectionReason);
        Assert.True(model.Connected);
        Assert.Equal(TestData.Start, model.LastSeen);
        Assert.True(model.Paused);
        Assert.Equal(0.5, model.Status?.BufferFill);
        var applied = Assert.Single(model.Overrides);
        Assert.Equal(ConfigScope.ForKind("pressure"), applied.Scope);
        Assert.Equal("200", applied.Settings["BatchSize"]);
        Assert.Null(applied.UpdatedAt);
    }

    [Fact]
    public void ToModel_SensorNeverHeardFrom_HasNoStatusNoLastSeenAndIsNotPaused()
    {
        var model = AdminMapper.ToModel(new Wire.SensorConfigState { SensorId = "a", State = Wire.ConfigState.Pending });

        Assert.Null(model.Status);
        Assert.Null(model.LastSeen);
        Assert.Null(model.Desired);
        Assert.False(model.Paused);
        Assert.Equal(ConfigState.Pending, model.State);
    }
}
