using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Protocol.V1;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>
/// The collector's end of one fake control stream: records what the sensor wrote, sends what a test says,
/// ends or fails the call, and (like the real server) ends its side when the sensor completes its own.
/// </summary>
internal sealed class FakeControlStream
{
    private readonly Lock _gate = new();
    private readonly List<SensorMessage> _received = [];
    private readonly Channel<CollectorMessage> _responses = Channel.CreateUnbounded<CollectorMessage>();
    private bool _ended;

    public FakeControlStream(CallOptions options)
    {
        Headers = options.Headers ?? [];
        options.CancellationToken.Register(Cancel);
        Writer = new RequestWriter(this);
        Reader = new ResponseReader(this);
    }

    public Metadata Headers { get; }

    public IClientStreamWriter<SensorMessage> Writer { get; }

    public IAsyncStreamReader<CollectorMessage> Reader { get; }

    /// <summary>Every message the sensor wrote, in order.</summary>
    public IReadOnlyList<SensorMessage> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The sensor completed its request stream.</summary>
    public bool RequestCompleted { get; private set; }

    /// <summary>The sensor cancelled the call before it ended.</summary>
    public bool Cancelled { get; private set; }

    public IReadOnlyList<T> ReceivedOf<T>(Func<SensorMessage, T?> select)
        where T : class =>
        [.. Received.Select(select).OfType<T>()];

    public void Send(CollectorMessage message) => _responses.Writer.TryWrite(message);

    public void SendWelcome(TimeSpan heartbeatInterval) =>
        Send(new CollectorMessage
        {
            Welcome = new ControlWelcome { CollectorInstanceId = "fake", HeartbeatInterval = Duration.FromTimeSpan(heartbeatInterval) },
        });

    public void SendUpdate(ulong version, string hash, SensorConfig config) =>
        Send(new CollectorMessage { ConfigUpdate = new ConfigUpdate { Version = version, Hash = hash, Config = config } });

    public void SendCommand(SensorCommandKind kind) => Send(new CollectorMessage { Command = new SensorCommand { Kind = kind } });

    /// <summary>Ends the call with <paramref name="code"/> (and a trailer, if given), as the server would.</summary>
    public void Fail(StatusCode code, string detail, Metadata? trailers = null) =>
        EndWith(new RpcException(new Status(code, detail), trailers ?? []));

    private void Cancel()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            Cancelled = true;
        }

        EndWith(new RpcException(new Status(StatusCode.Cancelled, "cancelled by the client")));
    }

    private void EndWith(Exception? failure)
    {
        lock (_gate)
        {
            _ended = true;
        }

        _responses.Writer.TryComplete(failure);
    }

    private sealed class RequestWriter(FakeControlStream stream) : IClientStreamWriter<SensorMessage>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(SensorMessage message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(SensorMessage message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (stream._gate)
            {
                if (stream._ended || stream.RequestCompleted)
                {
                    return Task.FromException(new InvalidOperationException("Can't write the message because the call is complete."));
                }

                stream._received.Add(message);
            }

            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            stream.RequestCompleted = true;
            stream.EndWith(null);
            return Task.CompletedTask;
        }
    }

    private sealed class ResponseReader(FakeControlStream stream) : IAsyncStreamReader<CollectorMessage>
    {
        public CollectorMessage Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            while (await stream._responses.Reader.WaitToReadAsync(cancellationToken))
            {
                if (stream._responses.Reader.TryRead(out var message))
                {
                    Current = message;
                    return true;
                }
            }

            return false;
        }
    }
}
