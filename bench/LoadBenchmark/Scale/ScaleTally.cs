using System.Collections.Concurrent;
using Grpc.Core;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Scale;

/// <summary>
/// What all the scale run's sensors saw, shared between their tasks; latencies in fixed-size histograms,
/// per batch (write → ack) and per stream (completion → ack).
/// </summary>
internal sealed class ScaleTally(TimeProvider time)
{
    private readonly ConcurrentDictionary<StatusCode, long> _errors = new();
    private RunWindow? _window;
    private long _connected;
    private long _controlStreamsEnded;
    private long _configUpdatesApplied;
    private long _readingsInWindow;
    private long _duplicateBatches;
    private long _rejectedBatches;

    /// <summary>Sensors whose control stream is open and welcomed right now.</summary>
    public long Connected => Interlocked.Read(ref _connected);

    public long ControlStreamsEnded => Interlocked.Read(ref _controlStreamsEnded);

    public long ConfigUpdatesApplied => Interlocked.Read(ref _configUpdatesApplied);

    public long ReadingsInWindow => Interlocked.Read(ref _readingsInWindow);

    public long DuplicateBatches => Interlocked.Read(ref _duplicateBatches);

    public long RejectedBatches => Interlocked.Read(ref _rejectedBatches);

    public IReadOnlyDictionary<string, long> Errors =>
        new SortedDictionary<string, long>(_errors.ToDictionary(e => RunTotals.StatusName(e.Key), e => e.Value), StringComparer.Ordinal);

    /// <summary>Per batch, from its write to the ack of its stream, for acks inside the measured window.</summary>
    public LatencyHistogram BatchLatency { get; } = new();

    /// <summary>Per stream, from completing it to its ack, for acks inside the measured window.</summary>
    public LatencyHistogram CompletionToAck { get; } = new();

    /// <summary>Acknowledgements count from now on when they arrive inside <paramref name="window"/>.</summary>
    public void StartMeasuring(RunWindow window) => Volatile.Write(ref _window, window);

    public void Welcomed() => Interlocked.Increment(ref _connected);

    /// <summary>A welcomed control stream ended; <paramref name="unexpected"/> when the benchmark did not close it.</summary>
    public void Disconnected(bool unexpected)
    {
        Interlocked.Decrement(ref _connected);
        if (unexpected)
        {
            Interlocked.Increment(ref _controlStreamsEnded);
        }
    }

    /// <summary>A control stream that ended before its welcome, without the benchmark closing it.</summary>
    public void EndedBeforeWelcome() => Interlocked.Increment(ref _controlStreamsEnded);

    public void ConfigApplied() => Interlocked.Increment(ref _configUpdatesApplied);

    public void Failed(StatusCode status) => _errors.AddOrUpdate(status, 1, (_, count) => count + 1);

    /// <summary>
    /// Counts an ack that arrived at <paramref name="arrived"/> for the batches written at <paramref name="writtenAt"/>
    /// of a stream completed at <paramref name="completed"/> (<see cref="TimeProvider.GetTimestamp"/> values).
    /// </summary>
    public void Acknowledged(UploadAck ack, long arrived, ReadOnlySpan<long> writtenAt, long completed)
    {
        ArgumentNullException.ThrowIfNull(ack);
        Interlocked.Add(ref _duplicateBatches, (long)ack.DuplicateBatches);
        Interlocked.Add(ref _rejectedBatches, ack.Rejected.Count);
        if (Volatile.Read(ref _window) is { } window && window.Contains(arrived))
        {
            Interlocked.Add(ref _readingsInWindow, (long)ack.ReadingsCommitted);
            foreach (var written in writtenAt)
            {
                BatchLatency.Record(time.GetElapsedTime(written, arrived));
            }

            CompletionToAck.Record(time.GetElapsedTime(completed, arrived));
        }
    }
}
