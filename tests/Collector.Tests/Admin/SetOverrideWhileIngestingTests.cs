using System.Globalization;
using Ingest.Collector.DesiredState;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Collector.Tests.Admin;

/// <summary>A configuration change over a whole large fleet does not stop the collector from storing and acknowledging uploads.</summary>
public sealed class SetOverrideWhileIngestingTests : IDisposable
{
    private const int Sensors = 20_000;

    /// <summary>Acks the witness must get while the change is written: more than one, so that it was not merely let through at its end.</summary>
    private const int AcksDuring = 3;

    private readonly CollectorFactory _collector;
    private WatchedConfigStore? _store;

    public SetOverrideWhileIngestingTests() =>
        _collector = new CollectorFactory().WithServices(services => services.AddSingleton<IConfigStore>(provider =>
            _store = new WatchedConfigStore(ActivatorUtilities.CreateInstance<SqliteConfigStore>(provider))));

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task SetConfigOverride_OverTwentyThousandSensors_WitnessUploadsAreAckedWhileStorageWritesIt()
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("witness-1"));
        var desired = _collector.Services.GetRequiredService<DesiredConfigs>();
        await Task.WhenAll(Enumerable.Range(0, Sensors)
            .Select(i => desired.ObserveAsync("fleet-" + i.ToString("D5", CultureInfo.InvariantCulture), "temperature", CancellationToken.None)));

        var change = _collector.Admin.SetAsync(AdminCalls.All(), ("BatchSize", "250"));
        var acksDuring = 0;
        ulong sequence = 0;
        while (!change.IsCompleted)
        {
            // Counted only when the batch was both sent and acknowledged while storage was writing the change.
            var during = _store!.SavingOverride;
            var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("witness-1", ++sequence)]);
            Assert.Equal(sequence, ack.CommittedSequence);
            if (during && _store.SavingOverride)
            {
                acksDuring++;
            }
        }

        var reply = await change;
        Assert.Equal((uint)Sensors + 1, reply.SensorsAffected);
        Assert.True(acksDuring >= AcksDuring, $"the witness got {acksDuring} acks while storage wrote the change; at least {AcksDuring} were expected");
    }
}
