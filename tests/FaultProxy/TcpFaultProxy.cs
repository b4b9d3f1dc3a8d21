using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ingest.FaultProxy;

/// <summary>
/// A TCP proxy on 127.0.0.1 that forwards every accepted connection to a target, both ways, with network faults
/// that can be switched on and off at any time from any thread: latency, a bandwidth cap, resets, a stall, a cut
/// after N bytes, and refused connections. Put it between a client and a server by pointing the client at
/// <see cref="Port"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly TimeProvider _time;
    private readonly ProxyFaults _faults;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpFaultProxy(DnsEndPoint target, int listenPort, TimeProvider time)
    {
        _target = target;
        _time = time;
        _faults = new ProxyFaults(time);
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The loopback port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>What the proxy did so far.</summary>
    public ProxyCounters Counters { get; } = new();

    /// <summary>Delay added before every forwarded chunk, in each direction; zero (the default) for none.</summary>
    public TimeSpan Latency
    {
        get => _faults.Latency;
        set => _faults.Latency = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Latency must not be negative.");
    }

    /// <summary>Cap of each direction over all connections, in bytes per second; 0 (the default) for none.</summary>
    public long BandwidthBytesPerSecond
    {
        get => _faults.UpstreamPacer.BytesPerSecond;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _faults.UpstreamPacer.BytesPerSecond = value;
            _faults.DownstreamPacer.BytesPerSecond = value;
        }
    }

    /// <summary>While true, every new connection is reset as soon as it is accepted (the target never sees it).</summary>
    public bool RefuseNewConnections
    {
        get => _faults.RefuseNew;
        set => _faults.RefuseNew = value;
    }

    /// <summary>True while the proxy forwards nothing.</summary>
    public bool IsStalled => _faults.Stall.IsClosed;

    /// <summary>Starts a proxy to <paramref name="targetHost"/>:<paramref name="targetPort"/>; listen port 0 picks a free one.</summary>
    public static TcpFaultProxy Start(string targetHost, int targetPort, int listenPort = 0, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetHost);
        return new TcpFaultProxy(new DnsEndPoint(targetHost, targetPort), listenPort, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Resets (RST) every open connection now; with <paramref name="keepResettingNew"/> every new one too, until
    /// <see cref="StopResetting"/>. Returns how many open connections were reset.
    /// </summary>
    public int ResetAll(bool keepResettingNew = false)
    {
        if (keepResettingNew)
        {
            _faults.ResetNew = true;
        }

        var reset = 0;
        foreach (var connection in _connections.Keys)
        {
            if (connection.Reset())
            {
                Counters.AddReset();
                reset++;
            }
        }

        return reset;
    }

    /// <summary>New connections are forwarded again after <see cref="ResetAll"/> kept resetting them.</summary>
    public void StopResetting() => _faults.ResetNew = false;

    /// <summary>Stops forwarding in both directions on every connection, open or new; the sockets stay open.</summary>
    public void Stall() => _faults.Stall.Close();

    /// <summary>Forwards again what a <see cref="Stall"/> held back.</summary>
    public void Unstall() => _faults.Stall.Open();

    /// <summary>
    /// Closes every connection once <paramref name="bytes"/> more went through it in <paramref name="scope"/>
    /// (exactly that many are forwarded); new connections are cut after that many bytes too, until <see cref="ClearCut"/>.
    /// </summary>
    public void CutAfter(long bytes, CutScope scope = CutScope.Total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _faults.Cut = (bytes, scope);
        foreach (var connection in _connections.Keys)
        {
            connection.Budget.Set(bytes, scope);
        }
    }

    /// <summary>No connection is cut any more.</summary>
    public void ClearCut()
    {
        _faults.Cut = null;
        foreach (var connection in _connections.Keys)
        {
            connection.Budget.Clear();
        }
    }

    /// <summary>Switches every fault off: no latency, cap, reset, stall, cut or refusal.</summary>
    public void ClearFaults()
    {
        Latency = TimeSpan.Zero;
        BandwidthBytesPerSecond = 0;
        RefuseNewConnections = false;
        StopResetting();
        ClearCut();
        Unstall();
    }

    /// <summary>Stops listening and closes every connection.</summary>
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

            Counters.AddAccepted();
            if (RefuseNewConnections)
            {
                Counters.AddRefused();
                ResetSocket(client);
                continue;
            }

            if (_faults.ResetNew)
            {
                Counters.AddReset();
                ResetSocket(client);
                continue;
            }

            Track(HandleAsync(client, cancellationToken));
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

        var connection = new ProxyConnection(client, target, _faults, Counters, _time);
        _connections.TryAdd(connection, 0);
        Counters.AddOpen();
        try
        {
            if (_faults.Cut is { } cut)
            {
                connection.Budget.Set(cut.Bytes, cut.Scope);
            }

            if (_faults.ResetNew && connection.Reset())
            {
                Counters.AddReset();
            }

            await connection.RunAsync(cancellationToken);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            Counters.RemoveOpen();
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
