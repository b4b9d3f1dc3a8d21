using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ingest.FaultProxy;

/// <summary>
/// Accepts clients on loopback, refuses or resets them when a fault says so, and otherwise connects each to the
/// target and runs it as a <see cref="ProxyConnection"/> until it ends; keeps the open ones for the faults to reach.
/// </summary>
internal sealed class ProxyListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly ProxyFaults _faults;
    private readonly ProxyCounters _counters;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ProxyListener(int listenPort, DnsEndPoint target, ProxyFaults faults, ProxyCounters counters, TimeProvider time)
    {
        _target = target;
        _faults = faults;
        _counters = counters;
        _time = time;
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The connections forwarding now.</summary>
    public ICollection<ProxyConnection> Connections => _connections.Keys;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }

        await _accepting;
        await Task.WhenAll(_handlers.Keys);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that went away between its connect and the accept (ECONNABORTED and the like): the proxy
                // goes on accepting the others, and counts it so that a test can see it happened.
                _counters.AddAcceptFailure();
                continue;
            }

            _counters.AddAccepted();
            if (_faults.RefuseNew)
            {
                _counters.AddRefused();
                ResetSocket(client);
            }
            else if (_faults.ResetNew)
            {
                _counters.AddReset();
                ResetSocket(client);
            }
            else
            {
                Track(HandleAsync(client, cancellationToken));
            }
        }
    }

    private void Track(Task handler)
    {
        _handlers.TryAdd(handler, 0);
        handler.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _),
            _handlers, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task HandleAsync(Socket client, CancellationToken cancellationToken)
    {
        var target = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await target.ConnectAsync(_target, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The target is not there (or the proxy stops): the client sees its connection reset.
            target.Dispose();
            ResetSocket(client);
            return;
        }

        var connection = new ProxyConnection(client, target, _faults, _counters, _time);
        _connections.TryAdd(connection, 0);
        _counters.AddOpen();
        try
        {
            // Read after registering, so that a fault switched on meanwhile reaches this connection one way or the other.
            if (_faults.Cut is { } cut)
            {
                connection.Budget.Set(cut.Bytes, cut.Scope);
            }

            if (_faults.ResetNew && connection.Reset())
            {
                _counters.AddReset();
            }

            await connection.RunAsync(cancellationToken);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            _counters.RemoveOpen();
        }
    }

    private static void ResetSocket(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // The client is already gone.
        }

        socket.Dispose();
    }
}
