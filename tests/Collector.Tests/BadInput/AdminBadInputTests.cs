using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>The bad-input table for <c>Admin.*</c>: each row's status, a message naming the problem, and no override changed.</summary>
public sealed class AdminBadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, StatusCode, string> Rows() => new()
    {
        { "set-sensor-id-illegal", StatusCode.InvalidArgument, "bad id" },
        { "set-sensor-id-too-long", StatusCode.InvalidArgument, "at most 128" },
        { "set-unknown-setting", StatusCode.InvalidArgument, "unknown setting \"Colour\"; known settings:" },
        { "set-bad-duration", StatusCode.InvalidArgument, "SamplingInterval \"soon\" is not a duration; write e.g. 250ms, 1.5s, 2m, 1h or 00:00:00.250 (allowed 10ms to 1h)" },
        { "set-value-out-of-range", StatusCode.InvalidArgument, "BatchSize 0 is out of range: allowed 1 to 10000" },
        { "set-no-settings", StatusCode.InvalidArgument, "settings is empty" },
        { "set-no-scope", StatusCode.InvalidArgument, "scope" },
        { "remove-unknown-setting", StatusCode.InvalidArgument, "unknown setting \"Colour\"" },
        { "get-sensor-id-illegal", StatusCode.InvalidArgument, "sensor_id 'bad id'" },
        { "list-pattern-illegal", StatusCode.InvalidArgument, "sensor_ids[0]" },
        { "command-unspecified", StatusCode.InvalidArgument, "is not one the collector sends" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadCall_IsRefusedWithItsStatusAndAMessageNamingTheProblem_ChangesNothing_AndTheOthersAreServed(string row, StatusCode code, string fragment)
    {
        var admin = _collector.Admin;
        var error = await _collector.RefusedWhileOthersUploadAsync(() => row switch
        {
            "set-sensor-id-illegal" => admin.SetAsync(AdminCalls.Sensor("bad id"), ("BatchSize", "10")),
            "set-sensor-id-too-long" => admin.SetAsync(AdminCalls.Sensor(new string('a', 129)), ("BatchSize", "10")),
            "set-unknown-setting" => admin.SetAsync(AdminCalls.All(), ("Colour", "blue")),
            "set-bad-duration" => admin.SetAsync(AdminCalls.All(), ("SamplingInterval", "soon")),
            "set-value-out-of-range" => admin.SetAsync(AdminCalls.All(), ("BatchSize", "0")),
            "set-no-settings" => admin.SetAsync(AdminCalls.All()),
            "set-no-scope" => admin.SetConfigOverrideAsync(new Wire.SetConfigOverrideRequest { Settings = { ["BatchSize"] = "10" } }).ResponseAsync,
            "remove-unknown-setting" => admin.RemoveAsync(AdminCalls.All(), "Colour"),
            "get-sensor-id-illegal" => admin.GetSensorConfigAsync(new Wire.GetSensorConfigRequest { SensorId = "bad id" }).ResponseAsync,
            "list-pattern-illegal" => admin.ListSensorsAsync(new Wire.ListSensorsRequest { SensorIds = { "a b" } }).ResponseAsync,
            "command-unspecified" => admin.SendCommandAsync(new Wire.SendCommandRequest { Scope = AdminCalls.All() }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        });

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await admin.ListConfigOverridesAsync(new Wire.ListConfigOverridesRequest())).Overrides);
    }
}
