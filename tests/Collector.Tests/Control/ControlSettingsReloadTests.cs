using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Ingest.Collector.Tests.Control;

public sealed class ControlSettingsReloadTests : IDisposable
{
    private readonly SettingsFile _settings = new("control-reload", Settings("""{ "vibration": { "SamplingInterval": "20ms" } }"""));
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;
    private readonly ITestOutputHelper _output;

    public ControlSettingsReloadTests(ITestOutputHelper output)
    {
        _output = output;
        _collector = new CollectorFactory().WithSettingsFile(_settings.Path).WithLogs(_logs);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _settings.Dispose();
    }

    [Fact]
    public async Task SettingsFileEdited_ConnectedSensorGetsTheNewConfigWithoutRestart()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "reload-1", "vibration");
        var initial = await link.NextUpdateAsync();
        await link.AckAsync(initial.Version);

        WriteSettings("""{ "vibration": { "SamplingInterval": "30ms", "BatchSize": "60" } }""");
        var edited = DateTime.UtcNow;
        var update = await link.NextUpdateAsync();

        // How long the edit took to arrive is a figure to read, not to assert: shared machines are noisy.
        _output.WriteLine($"settings edit to ConfigUpdate: {(DateTime.UtcNow - edited).TotalMilliseconds:0} ms");
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(20)), initial.Config.SamplingInterval);
        Assert.Equal((Duration.FromTimeSpan(TimeSpan.FromMilliseconds(30)), 60U), (update.Config.SamplingInterval, update.Config.BatchSize));
        Assert.True(update.Version > initial.Version);
    }

    [Fact]
    public async Task SettingsFileEditedInvalidly_IsLoggedAndTheLastGoodConfigStays_UntilAValidEdit()
    {
        using var link = await ControlLink.ConnectAsync(_collector, "reload-2", "vibration");
        var initial = await link.NextUpdateAsync();
        await link.AckAsync(initial.Version);

        WriteSettings("""{ "vibration": { "SamplingInterval": "5ms" } }""");
        await Eventually.UntilAsync(
            () => _logs.Contains(LogLevel.Error, "Collector:Control:Kinds:vibration: SamplingInterval 5ms is out of range: allowed 10ms to 1h"),
            "the invalid edit is logged naming the key and the problem");

        var state = await _collector.Admin.StateAsync("reload-2");
        Assert.Equal((initial.Version, initial.Config), (state.DesiredVersion, state.Desired));
        await _collector.AssertStillServingAsync();

        WriteSettings("""{ "vibration": { "SamplingInterval": "40ms" } }""");
        var update = await link.NextUpdateAsync();
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(40)), update.Config.SamplingInterval);
    }

    [Fact]
    public async Task SettingsFileWithAValueThatDoesNotBind_IsLoggedNamingTheKey()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("reload-3", "vibration"));
        var before = await _collector.Admin.StateAsync("reload-3");

        _settings.Write("""{ "Collector": { "Control": { "HeartbeatInterval": "soon" } } }""");
        await Eventually.UntilAsync(() => _logs.Contains(LogLevel.Error, "Collector:Control:HeartbeatInterval"), "the bad value is logged naming its key");

        Assert.Equal(before, await _collector.Admin.StateAsync("reload-3"));
        await _collector.AssertStillServingAsync();
    }

    private void WriteSettings(string kinds) => _settings.Write(Settings(kinds));

    private static string Settings(string kinds) => $$"""{ "Collector": { "Control": { "Kinds": {{kinds}} } } }""";
}
