using Ingest.Collector.Chaos;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Chaos;

public sealed class ChaosSettingsReloadTests : IDisposable
{
    private readonly SettingsFile _settings = new("chaos-reload", Settings("""{ "Enabled": false }"""));
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public ChaosSettingsReloadTests() =>
        _collector = new CollectorFactory().WithSettingsFile(_settings.Path).WithLogs(_logs);

    public void Dispose()
    {
        _collector.Dispose();
        _settings.Dispose();
    }

    [Fact]
    public async Task ChaosSwitchedOnInTheSettingsFileWhileRunning_InjectsNothingUntilTheNextStartAndSaysSo()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-live", 1, 1));
        var monitor = _collector.Services.GetRequiredService<IOptionsMonitor<ChaosOptions>>();

        _settings.Write(Settings("""{ "Enabled": true, "AbortStreamAfterBatches": 1, "DropAckAfterCommitRate": 1, "Commit": { "FaultRate": 1 } }"""));
        await Eventually.UntilAsync(() => monitor.CurrentValue.Enabled, "the settings file is reloaded");
        await Eventually.UntilAsync(() => _logs.Contains(LogLevel.Warning, "chaos is switched on or off only at start"), "the ignored switch is logged");
        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("chaos-live", 2, 4));

        Assert.Equal((3UL, 4UL), (ack.BatchesCommitted, ack.CommittedSequence));
        Assert.Equal(0, _collector.Services.GetRequiredService<ChaosMetrics>().Total);
        Assert.False(_logs.Contains(LogLevel.Warning, "Collector:Chaos is ON"));
    }

    private static string Settings(string chaos) => $$"""{ "Collector": { "Chaos": {{chaos}} } }""";
}
