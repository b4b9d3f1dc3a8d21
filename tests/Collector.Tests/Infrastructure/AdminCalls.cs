using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Short forms of the admin calls the tests make.</summary>
internal static class AdminCalls
{
    public static Wire.ConfigScope Sensor(string sensorId) => new() { SensorId = sensorId };

    public static Wire.ConfigScope Kind(string kind) => new() { Kind = kind };

    public static Wire.ConfigScope All() => new() { All = true };

    public static async Task<Wire.ConfigOverrideReply> SetAsync(this Wire.Admin.AdminClient admin, Wire.ConfigScope scope, params (string Name, string Value)[] settings)
    {
        var request = new Wire.SetConfigOverrideRequest { Scope = scope };
        foreach (var (name, value) in settings)
        {
            request.Settings[name] = value;
        }

        return await admin.SetConfigOverrideAsync(request);
    }

    public static async Task<Wire.ConfigOverrideReply> RemoveAsync(this Wire.Admin.AdminClient admin, Wire.ConfigScope scope, params string[] settings)
    {
        var request = new Wire.RemoveConfigOverrideRequest { Scope = scope };
        request.Settings.AddRange(settings);
        return await admin.RemoveConfigOverrideAsync(request);
    }

    public static async Task<Wire.SensorConfigState> StateAsync(this Wire.Admin.AdminClient admin, string sensorId) =>
        await admin.GetSensorConfigAsync(new Wire.GetSensorConfigRequest { SensorId = sensorId });
}
