using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

public sealed class KeyRotationTests : IDisposable
{
    private const string RotatedViewerKey = "demo-viewer-key-rotated";

    private readonly SettingsFile _settings = new("key-rotation", "{}");
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public KeyRotationTests() =>
        _collector = new CollectorFactory().WithSettingsFile(_settings.Path).WithLogs(_logs);

    public void Dispose()
    {
        _collector.Dispose();
        _settings.Dispose();
    }

    [Fact]
    public async Task ValidRotation_TheNewKeyIsAdmitted_AndTheOldOneRefused()
    {
        await ListSensorsAsync(TestKeys.Admin);

        WriteViewerKey(RotatedViewerKey);
        await Eventually.UntilAsync(async () => await AdmitsAsync(RotatedViewerKey), "the rotated key is admitted");

        Assert.False(await AdmitsAsync(TestKeys.Viewer));
    }

    [Fact]
    public async Task InvalidRotation_IsLoggedAsAnErrorNamingTheEntriesButNoKey_AndTheLastGoodKeysStay()
    {
        Assert.True(await AdmitsAsync(TestKeys.Viewer));

        // The viewer entry takes the admin's key: two entries with one key is refused.
        WriteViewerKey(TestKeys.Admin);
        await Eventually.UntilAsync(
            () => _logs.Contains(LogLevel.Error, "Collector:Security:Keys:demo-viewer"),
            "the refused rotation is logged naming the entry");

        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message).ToList();
        Assert.Contains(errors, e => e.Contains("Reloaded settings of Collector:Security rejected", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(TestKeys.Admin, StringComparison.Ordinal) || e.Contains(TestKeys.Viewer, StringComparison.Ordinal));
        Assert.True(await AdmitsAsync(TestKeys.Viewer));
        await ListSensorsAsync(TestKeys.Admin);
    }

    private void WriteViewerKey(string key) => _settings.Write(
        $$"""{ "Collector": { "Security": { "Keys": { "demo-viewer": { "Key": "{{key}}", "Role": "Viewer" } } } } }""");

    private async Task<bool> AdmitsAsync(string key)
    {
        using var channel = _collector.ChannelWithKey(key);
        try
        {
            using var call = new Wire.Query.QueryClient(channel).ReadReadings(new Wire.ReadReadingsRequest { SensorId = "rotation-1" });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }

            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
            return false;
        }
    }

    private async Task ListSensorsAsync(string key)
    {
        using var channel = _collector.ChannelWithKey(key);
        await new Wire.Admin.AdminClient(channel).ListSensorsAsync(new Wire.ListSensorsRequest());
    }
}
