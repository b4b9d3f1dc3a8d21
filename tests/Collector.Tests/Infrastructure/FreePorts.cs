using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Loopback ports for collectors on real Kestrel, and a start that survives losing one to another process.</summary>
internal static class FreePorts
{
    /// <summary>A port free on 127.0.0.1 now; another process (any test's outgoing connection) may take it before it is bound.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the collector <paramref name="create"/> makes (on ports it picks with <see cref="Next"/>), making a new one
    /// on new ports when a port was taken between the pick and the bind; at most five times.
    /// </summary>
    public static CollectorFactory StartKestrel(Func<CollectorFactory> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        for (var attempt = 1; ; attempt++)
        {
            var collector = create();
            collector.UseKestrel();
            try
            {
                collector.StartServer();
                return collector;
            }
            catch (Exception ex) when (attempt < 5 && LostAPort(ex))
            {
                collector.Dispose();
            }
        }
    }

    /// <summary>
    /// Kestrel could not bind: an address in use, which the test factory reports as such or, having disposed the failed
    /// host, as an ObjectDisposedException of its services.
    /// </summary>
    private static bool LostAPort(Exception exception) =>
        exception is ObjectDisposedException || exception is IOException { InnerException: AddressInUseException } || exception is AddressInUseException;
}
