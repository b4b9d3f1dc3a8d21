using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ingest.FaultProxy.Tests.Infrastructure;

/// <summary>A plain TCP echo server on loopback that sends back every byte it receives and counts them.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<EchoSession> _sessions = new();
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly Task _accepting;

    public EchoServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<EchoSession> Sessions => _sessions;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_handlers);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptSocketAsync(cancellationToken);
                var session = new EchoSession();
                _sessions.Enqueue(session);
                _handlers.Add(EchoAsync(socket, session, cancellationToken));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private static async Task EchoAsync(Socket socket, EchoSession session, CancellationToken cancellationToken)
    {
        using (socket)
        {
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
                {
                    session.Add(read);
                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                // Reset by the proxy or stopped by the test: the session ends either way.
            }
            finally
            {
                session.End();
            }
        }
    }
}
