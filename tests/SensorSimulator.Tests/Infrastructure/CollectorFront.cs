using Grpc.Core;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>
/// One of several collectors that share one database, behind a <see cref="CallInvoker"/>: greetings and uploads go to
/// the shared <see cref="FakeCollector"/> (the database: sessions and committed sequences are its state, not this
/// collector's), control streams to this collector's own <see cref="FakeControlServer"/>. <see cref="Stop"/> makes it
/// stop answering, as a killed collector: every call fails <c>Unavailable</c>, open upload streams at their next write,
/// open control streams at once.
/// </summary>
internal sealed class CollectorFront(FakeCollector store, FakeControlServer control) : CallInvoker
{
    private int _down;
    private int _greets;
    private int _uploads;

    public FakeControlServer Control { get; } = control;

    /// <summary>Greetings this collector answered.</summary>
    public int Greets => Volatile.Read(ref _greets);

    /// <summary>Upload streams this collector took.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    private bool Down => Volatile.Read(ref _down) != 0;

    public void Stop()
    {
        Volatile.Write(ref _down, 1);
        foreach (var stream in Control.Streams)
        {
            stream.Fail(StatusCode.Unavailable, "collector stopped by the test");
        }
    }

    public void Start() => Volatile.Write(ref _down, 0);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (Down)
        {
            return new AsyncUnaryCall<TResponse>(
                Task.FromException<TResponse>(Unavailable()), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        Interlocked.Increment(ref _greets);
        return store.AsyncUnaryCall(method, host, options, request);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var response = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        IClientStreamWriter<TRequest>? inner = null;
        if (Down)
        {
            response.TrySetException(Unavailable());
        }
        else
        {
            Interlocked.Increment(ref _uploads);
            var call = store.AsyncClientStreamingCall(method, host, options);
            inner = call.RequestStream;
            _ = ForwardAsync(call.ResponseAsync, response);
        }

        return new AsyncClientStreamingCall<TRequest, TResponse>(
            new FrontWriter<TRequest, TResponse>(this, inner, response),
            response.Task,
            Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess,
            () => [],
            () => { });
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = Control.AsyncDuplexStreamingCall(method, host, options);
        if (Down)
        {
            Control.Last.Fail(StatusCode.Unavailable, "collector stopped by the test");
        }

        return call;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    private static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, "collector stopped by the test"));

    private async Task ForwardAsync<TResponse>(Task<TResponse> from, TaskCompletionSource<TResponse> to)
    {
        try
        {
            var response = await from;
            if (Down)
            {
                to.TrySetException(Unavailable());
            }
            else
            {
                to.TrySetResult(response);
            }
        }
        catch (Exception ex)
        {
            to.TrySetException(ex);
        }
    }

    /// <summary>Writes through to the shared store while the collector answers; like the real client once it stopped.</summary>
    private sealed class FrontWriter<TRequest, TResponse>(
        CollectorFront front, IClientStreamWriter<TRequest>? inner, TaskCompletionSource<TResponse> response) : IClientStreamWriter<TRequest>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(TRequest message, CancellationToken cancellationToken)
        {
            if (front.Down || inner is null)
            {
                // Like the real client: the write reports a cancelled call, the response the real status.
                response.TrySetException(Unavailable());
                return Task.FromException(new RpcException(new Status(StatusCode.Cancelled, "call completed")));
            }

            return inner.WriteAsync(message, cancellationToken);
        }

        public Task CompleteAsync()
        {
            if (front.Down || inner is null)
            {
                response.TrySetException(Unavailable());
                return Task.CompletedTask;
            }

            return inner.CompleteAsync();
        }
    }
}
