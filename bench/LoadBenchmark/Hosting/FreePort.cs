using System.Net;
using System.Net.Sockets;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>Loopback ports for the collectors the benchmark starts.</summary>
internal static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
