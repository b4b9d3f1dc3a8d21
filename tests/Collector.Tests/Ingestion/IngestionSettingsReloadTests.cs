using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Microsoft.Extensions.Logging;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class IngestionSettingsReloadTests : IDisposable
{
    private readonly SettingsFile _settings = new("ingestion-reload", Settings("""{ "MaxReadingsPerBatch": 1000 }"""));
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public IngestionSettingsReloadTests() =>
        _collector = new CollectorFactory().WithSettingsFile(_settings.Path).WithLogs(_logs);

    public void Dispose()
    {
        _collector.Dispose();
        _settings.Dispose();
    }

    [Fact]
    public async Task SettingsFileEditedInvalidly_IsLoggedAsRejected_AndUploadsGoOnUnderTheLastGoodSettings()
    {
        await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("reload-ingest", 1, 2));

        _settings.Write(Settings("""{ "MaxReadingsPerBatch": 0 }"""));
        await Eventually.UntilAsync(
            () => _logs.Contains(LogLevel.Error, "Reloaded settings of Collector:Ingestion rejected") && _logs.Contains(LogLevel.Error, "MaxReadingsPerBatch"),
            "the invalid edit is logged as rejected, naming the setting");

        var ack = await _collector.Ingestion.UploadAsync(ReadingBatches.Sequences("reload-ingest", 3, 4));
        var written = await _collector.Ingestion.WriteAsync(ReadingBatches.Regular("reload-ingest", 5), WireProtocol.Headers());

        Assert.Equal((2UL, 4UL), (ack.BatchesCommitted, ack.CommittedSequence));
        Assert.Equal(5UL, written.CommittedSequence);
    }

    private static string Settings(string ingestion) => $$"""{ "Collector": { "Ingestion": {{ingestion}} } }""";
}
