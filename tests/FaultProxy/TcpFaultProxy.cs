using System.Net;

namespace Ingest.FaultProxy;

/// <summary>
/// A TCP proxy on 127.0.0.1 that forwards every accepted connection to a target, both ways, with network faults
/// that can be switched on and off at any time from any thread: latency, a bandwidth cap, resets, a stall, a cut
/// after N bytes, and refused connections. Put it between a client and a server by pointing the client at
/// <see cref="Port"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly ProxyFaults _faults;
    private readonly ProxyListener _listener;

    private TcpFaultProxy(DnsEndPoint target, int listenPort, TimeProvider time)
    {
        _faults = new ProxyFaults(time);
        _listener = new ProxyListener(listenPort, target, _faults, Counters, time);
    }

    /// <summary>The loopback port the proxy listens on.</summary>
    public int Port => _listener.Port;

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
        foreach (var connection in _listener.Connections)
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
        foreach (var connection in _listener.Connections)
        {
            connection.Budget.Set(bytes, scope);
        }
    }

    /// <summary>No connection is cut any more.</summary>
    public void ClearCut()
    {
        _faults.Cut = null;
        foreach (var connection in _listener.Connections)
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
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
