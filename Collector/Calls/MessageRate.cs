using System.Runtime.CompilerServices;
using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Ingest.Collector.Calls;

/// <summary>
/// The request body of a streaming call (an upload, a control stream), held to
/// <see cref="TransportOptions.MinRequestBodyDataRateBytesPerSecond"/> only while a message is arriving: once part of a
/// message is buffered, each <see cref="TransportOptions.MinRequestBodyDataRateGracePeriod"/> must bring at least the rate
/// times that period in bytes, or the stream is reset (that stream alone, never its connection). A stream that waits
/// between messages is not timed: a sensor may be idle for minutes. Only the time the collector waits in
/// <see cref="ReadAsync"/> counts: while it holds a message part and does not ask for more (storage slow, the
/// buffered-bytes budget full) the clock stops, so a stream is never cut for the collector's own slowness. Kestrel's own
/// rate, which times a connection's waiting streams together, is lifted for these calls.
/// </summary>
internal sealed class MessageRate : PipeReader
{
    private readonly PipeReader _inner;
    private readonly HttpContext _context;
    private readonly TimeSpan _window;
    private readonly long _bytesPerWindow;
    private readonly TimeProvider _time;
    private readonly CutStreams _cut;
    private ReadResult _last;
    private long _buffered;
    private long _windowStart;
    private long _windowBytes;
    private long _returnedAt;

    internal MessageRate(PipeReader inner, HttpContext context, TransportOptions options, TimeProvider time, CutStreams cut)
    {
        _inner = inner;
        _context = context;
        _window = options.MinRequestBodyDataRateGracePeriod;
        _bytesPerWindow = (long)Math.Ceiling(options.MinRequestBodyDataRateBytesPerSecond * _window.TotalSeconds);
        _time = time;
        _cut = cut;
    }

    /// <summary>Lifts Kestrel's rate on <paramref name="context"/>'s body and, when the rate is on, puts this reader in front of it.</summary>
    public static void Watch(HttpContext context, TransportOptions options, TimeProvider time, CutStreams cut)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } kestrelRate)
        {
            kestrelRate.MinDataRate = null;
        }

        if (options.MinRequestBodyDataRateBytesPerSecond > 0)
        {
            context.Features.Set<IRequestBodyPipeFeature>(new Feature(new MessageRate(context.Request.BodyReader, context, options, time, cut)));
        }
    }

    // Called for every message part of every stream: its state machine comes from a pool instead of the heap.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_buffered == 0)
        {
            _last = await _inner.ReadAsync(cancellationToken);
            _returnedAt = _time.GetTimestamp();
            return _last;
        }

        // The time since the last read returned was the collector's, not the client's.
        _windowStart += _time.GetTimestamp() - _returnedAt;
        var due = _windowStart + (long)(_window.TotalSeconds * _time.TimestampFrequency) - _time.GetTimestamp();
        using var slow = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(due, 0) / (double)_time.TimestampFrequency), _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(slow.Token, cancellationToken);
        try
        {
            _last = await _inner.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (slow.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _cut.MessageTooSlow(_context, _buffered, _window);

            // The stream is reset at once; the status is for the collector's own handling of the call (no error logged).
            _context.Abort();
            throw new RpcException(new Status(StatusCode.Cancelled,
                $"a message arrived slower than {_bytesPerWindow} bytes in {_window.TotalSeconds:0.#} s; the stream was reset"));
        }

        _windowBytes += _last.Buffer.Length - _buffered;
        if (_windowBytes >= _bytesPerWindow)
        {
            _windowStart = _time.GetTimestamp();
            _windowBytes = 0;
        }

        _returnedAt = _time.GetTimestamp();
        return _last;
    }

    public override bool TryRead(out ReadResult result)
    {
        var read = _inner.TryRead(out result);
        if (read)
        {
            _last = result;
            _returnedAt = _time.GetTimestamp();
        }

        return read;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var left = _last.Buffer.IsEmpty ? 0 : _last.Buffer.Slice(consumed).Length;
        if (left > 0 && _buffered == 0)
        {
            // A message has begun to arrive: its clock starts when the collector next asks for more.
            _windowStart = _returnedAt;
            _windowBytes = 0;
        }

        _buffered = left;
        _last = default;
        _inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => _inner.CompleteAsync(exception);

    private sealed class Feature(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = reader;
    }
}
