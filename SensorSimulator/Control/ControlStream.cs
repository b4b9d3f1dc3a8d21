using System.Threading.Channels;
using Grpc.Core;
using Ingest.Protocol.V1;

namespace Ingest.SensorSimulator.Control;

/// <summary>
/// One open control stream. gRPC allows one write at a time, so every message goes through a bounded queue
/// that a single writer drains into the request stream; the queue also tells when the sensor last sent.
/// </summary>
internal sealed class ControlStream : IDisposable
{
    /// <summary>Messages queued for writing at most; heartbeats and status are skipped when it is full.</summary>
    public const int WriteQueueCapacity = 64;

    private readonly AsyncDuplexStreamingCall<SensorMessage, CollectorMessage> _call;
    private readonly Channel<SensorMessage> _writes = Channel.CreateBounded<SensorMessage>(
        new BoundedChannelOptions(WriteQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TimeProvider _time;
    private long _lastSentTicks;

    public ControlStream(AsyncDuplexStreamingCall<SensorMessage, CollectorMessage> call, TimeProvider time)
    {
        _call = call;
        _time = time;
        _lastSentTicks = time.GetUtcNow().UtcTicks;
    }

    /// <summary>When a message was last handed to the writer (or the stream opened).</summary>
    public DateTimeOffset LastSentAt => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);

    /// <summary>Queues a message that may be skipped (heartbeat, status); false when the queue is full.</summary>
    public bool TrySend(SensorMessage message)
    {
        if (!_writes.Writer.TryWrite(message))
        {
            return false;
        }

        MarkSent();
        return true;
    }

    /// <summary>Queues a message that must not be skipped (hello, acknowledgement), waiting for room.</summary>
    public async ValueTask SendAsync(SensorMessage message, CancellationToken cancellationToken)
    {
        await _writes.Writer.WriteAsync(message, cancellationToken);
        MarkSent();
    }

    /// <summary>No more messages: the writer completes the request stream once the queue is drained.</summary>
    public void CompleteSending() => _writes.Writer.TryComplete();

    /// <summary>The single writer: drains the queue into the request stream, then completes it.</summary>
    public async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _writes.Reader.ReadAllAsync(cancellationToken))
        {
            await _call.RequestStream.WriteAsync(message, cancellationToken);
        }

        await _call.RequestStream.CompleteAsync();
    }

    /// <summary>The collector's next message; null when it ended the stream.</summary>
    public async Task<CollectorMessage?> ReadAsync(CancellationToken cancellationToken) =>
        await _call.ResponseStream.MoveNext(cancellationToken) ? _call.ResponseStream.Current : null;

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _call.Dispose();
    }

    private void MarkSent() => Interlocked.Exchange(ref _lastSentTicks, _time.GetUtcNow().UtcTicks);
}
