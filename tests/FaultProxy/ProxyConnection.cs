using System.Net.Sockets;

namespace Ingest.FaultProxy;

/// <summary>
/// One accepted client and its connection to the target: two pumps copy bytes each way, applying the proxy's
/// faults to every chunk; it ends when both sides closed, a peer reset it, or a fault reset or cut it.
/// </summary>
internal sealed class ProxyConnection(Socket client, Socket target, ProxyFaults faults, ProxyCounters counters, TimeProvider time)
{
    private const int BufferBytes = 16 * 1024;

    private int _closed;

    public CutBudget Budget { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var upstream = PumpAsync(client, target, FlowDirection.Upstream, cancellationToken);
        var downstream = PumpAsync(target, client, FlowDirection.Downstream, cancellationToken);
        await Task.WhenAll(upstream, downstream);
        Close(abortive: false);
    }

    /// <summary>Resets both sides now (RST, not FIN); false when the connection was already closed.</summary>
    public bool Reset() => Close(abortive: true);

    private async Task PumpAsync(Socket from, Socket to, FlowDirection direction, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        var pacer = faults.Pacer(direction);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(0, pacer.ChunkLimit(BufferBytes)), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    // The sender closed its side: pass the half-close on.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (!await ForwardAsync(buffer.AsMemory(0, read), to, direction, pacer, cancellationToken))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A peer reset its side, the other pump or a fault closed the sockets, or the proxy stops:
            // whatever is left of the connection is reset, as a broken link would leave it.
            Close(abortive: true);
        }
    }

    /// <summary>Forwards one chunk through the faults; false when a cut closed the connection.</summary>
    private async Task<bool> ForwardAsync(
        ReadOnlyMemory<byte> chunk, Socket to, FlowDirection direction, BandwidthPacer pacer, CancellationToken cancellationToken)
    {
        var latency = faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        var (allowed, cutAfter) = Budget.Take(direction, chunk.Length);
        await pacer.PaceAsync(allowed, cancellationToken);
        await faults.Stall.WaitOpenAsync(cancellationToken);
        if (allowed > 0)
        {
            await to.SendAsync(chunk[..allowed], SocketFlags.None, cancellationToken);
            counters.AddBytes(direction, allowed);
        }

        if (cutAfter)
        {
            if (Close(abortive: false))
            {
                counters.AddCut();
            }

            return false;
        }

        return true;
    }

    private bool Close(bool abortive)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        CloseSocket(client, abortive);
        CloseSocket(target, abortive);
        return true;
    }

    private static void CloseSocket(Socket socket, bool abortive)
    {
        try
        {
            if (abortive)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer; closing below is all that is left.
        }

        socket.Dispose();
    }
}
