using System.Diagnostics.Metrics;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

/// <summary>
/// Batches read from streams and waiting for storage held memory without a bound across streams (64 per stream, up to
/// 4 MiB each, times every open stream). A budget of buffered bytes bounds them: past it, streams wait and read nothing.
/// </summary>
public sealed class BufferedBytesBudgetTests : IDisposable
{
    private const int Budget = 1024 * 1024;
    private const int Streams = 8;
    private const int BatchesPerStream = 40;
    private const int ReadingsPerBatch = 5000;

    private readonly CollectorFactory _collector;
    private GatedChunkStore? _store;

    public BufferedBytesBudgetTests() =>
        _collector = new CollectorFactory()
            .With("Collector:Ingestion:MaxBufferedBytes", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Collector:Ingestion:BufferedBytesWaitTimeout", "00:05:00")
            .WithServices(services =>
            {
                services.AddSingleton<SqliteChunkStore>();
                services.AddSingleton<IChunkStore>(provider => _store = new GatedChunkStore(provider.GetRequiredService<SqliteChunkStore>()));
            });

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Upload_ManyStreamsOfLargeBatchesFasterThanStorage_StayWithinTheBufferedBytesBudget_AndEveryAckedBatchIsStored()
    {
        var batchBytes = Batch("size", 1).CalculateSize();
        using var gauges = new GaugeSampler(_collector.Services.GetRequiredService<IMeterFactory>(), "ingest.uploads.buffered.bytes", "ingest.commit.queue.depth");

        // Storage takes nothing until the streams have pushed all they can.
        var uploads = Enumerable.Range(0, Streams)
            .Select(stream => _collector.Ingestion.UploadAsync(Enumerable.Range(1, BatchesPerStream).Select(sequence => Batch($"budget-{stream}", (ulong)sequence))))
            .ToList();
        await Eventually.UntilAsync(
            () => gauges.Peak("ingest.commit.queue.depth") * batchBytes > Budget || gauges.Peak("ingest.uploads.buffered.bytes") > Budget - batchBytes,
            "the streams have filled the budget (or gone past it)",
            timeout: TimeSpan.FromSeconds(30));
        var queuedBeforeCommits = gauges.Peak("ingest.commit.queue.depth");
        _store!.Open();
        var acks = await Task.WhenAll(uploads);

        Assert.True(queuedBeforeCommits * batchBytes <= Budget, $"{queuedBeforeCommits} batches of {batchBytes} bytes were queued for commit, over the budget of {Budget} bytes");
        Assert.InRange(gauges.Peak("ingest.uploads.buffered.bytes"), Budget - batchBytes, Budget);
        Assert.All(acks, ack => Assert.Equal((ulong)BatchesPerStream, ack.BatchesCommitted));
        Assert.All(Enumerable.Range(0, Streams), stream => Assert.Equal(BatchesPerStream, _collector.Stored.Chunks($"budget-{stream}")));
    }

    private static Wire.ReadingBatch Batch(string sensorId, ulong sequence) => ReadingBatches.Regular(sensorId, sequence, ReadingsPerBatch);

    /// <summary>Polls gauges of one collector's meters in the background and keeps the largest value each showed.</summary>
    private sealed class GaugeSampler : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _polling;

        public GaugeSampler(IMeterFactory scope, params string[] names)
        {
            foreach (var name in names)
            {
                _peaks[name] = 0;
            }

            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && _peaks.ContainsKey(instrument.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Record(instrument.Name, value));
            _listener.Start();
            _polling = Task.Run(async () =>
            {
                // Sampled every millisecond or so: a peak shorter than that may be missed, one that lasts is not.
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
                do
                {
                    _listener.RecordObservableInstruments();
                }
                while (await timer.WaitForNextTickAsync(CancellationToken.None) && !_stop.IsCancellationRequested);
            });
        }

        public long Peak(string name)
        {
            lock (_peaks)
            {
                return _peaks[name];
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _polling.Wait();
            _listener.Dispose();
            _stop.Dispose();
        }

        private void Record(string name, long value)
        {
            lock (_peaks)
            {
                _peaks[name] = Math.Max(_peaks[name], value);
            }
        }
    }
}
