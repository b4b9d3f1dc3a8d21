using System.Net;
using System.Net.Sockets;

namespace Ingest.FaultProxy.Tests.Infrastructure;

/// <summary>An echo server behind a fault proxy, and helpers for a client that talks to it through the proxy.</summary>
internal sealed class ProxiedEcho : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private ProxiedEcho(EchoServer server, TcpFaultProxy proxy)
    {
        Server = server;
        Proxy = proxy;
    }

    public EchoServer Server { get; }

    public TcpFaultProxy Proxy { get; }

    public static ProxiedEcho Start()
    {
        var server = new EchoServer();
        return new ProxiedEcho(server, TcpFaultProxy.Start("127.0.0.1", server.Port));
    }

    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new CancellationTokenSource(Deadline);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Proxy.Port), deadline.Token);
        return socket;
    }

    /// <summary>
    /// Connects and reads; the proxy resets the connection right after accepting it, which the client sees at
    /// connect or at its first receive, depending on when the reset arrives. Returns the error.
    /// </summary>
    public async Task<SocketException> ConnectExpectingResetAsync() =>
        await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var socket = await ConnectAsync();
            await ReceiveUntilClosedAsync(socket);
        });

    public static byte[] Payload(int bytes) => [.. Enumerable.Range(0, bytes).Select(i => (byte)(i % 251))];

    /// <summary>Reads exactly <paramref name="bytes"/> bytes, failing after the deadline.</summary>
    public static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int bytes, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? Deadline);
        var buffer = new byte[bytes];
        var received = 0;
        while (received < bytes)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"The connection closed after {received} of {bytes} bytes.");
            }

            received += read;
        }

        return buffer;
    }

    /// <summary>Reads until the peer closes the connection; returns how many bytes came.</summary>
    public static async Task<long> ReceiveUntilClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            total += read;
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Server.DisposeAsync();
    }
}
