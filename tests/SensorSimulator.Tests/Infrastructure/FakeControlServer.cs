using Grpc.Core;
using Ingest.Protocol.V1;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>A fake collector's Control service behind a <see cref="CallInvoker"/>: every Connect opens a <see cref="FakeControlStream"/>.</summary>
internal sealed class FakeControlServer : CallInvoker
{
    private readonly Lock _gate = new();
    private readonly List<FakeControlStream> _streams = [];

    /// <summary>Every stream opened, in order.</summary>
    public IReadOnlyList<FakeControlStream> Streams
    {
        get
        {
            lock (_gate)
            {
                return [.. _streams];
            }
        }
    }

    /// <summary>The stream opened last.</summary>
    public FakeControlStream Last => Streams[^1];

    /// <summary>Waits until stream <paramref name="number"/> (from 1) has said hello, and returns it.</summary>
    public async Task<FakeControlStream> HelloAsync(int number, Action? step = null)
    {
        await Eventually.UntilAsync(
            () => Streams.Count >= number && Streams[number - 1].Received.Count > 0,
            $"control stream {number} says hello", step: step);
        var stream = Streams[number - 1];
        Assert.Equal(SensorMessage.KindOneofCase.Hello, stream.Received[0].KindCase);
        return stream;
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var stream = new FakeControlStream(options);
        lock (_gate)
        {
            _streams.Add(stream);
        }

        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            (IClientStreamWriter<TRequest>)(object)stream.Writer,
            (IAsyncStreamReader<TResponse>)(object)stream.Reader,
            Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess,
            () => [],
            () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();
}
