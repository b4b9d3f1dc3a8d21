using Ingest.Collector.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Connections;

/// <summary>Puts <see cref="ConnectionAdmission"/> on the gRPC endpoint and Kestrel's hard connection limit above its budget.</summary>
internal static class ConnectionAdmissionEndpoint
{
    /// <summary>
    /// Every connection to <paramref name="listen"/> is admitted or refused on arrival and released when it closes;
    /// Kestrel closes connections past <see cref="ConnectionOptions.MaxConnections"/> plus <see cref="ConnectionOptions.RefusalHeadroom"/> without a word.
    /// </summary>
    public static void Configure(KestrelServerOptions kestrel, ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(listen);
        var options = listen.ApplicationServices.GetRequiredService<IOptions<ConnectionOptions>>().Value;
        kestrel.Limits.MaxConcurrentConnections = (long)options.MaxConnections + options.RefusalHeadroom;
        var admission = listen.ApplicationServices.GetRequiredService<ConnectionAdmission>();
        listen.Use(next => async connection =>
        {
            var remote = (connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address;
            admission.Admit(connection.ConnectionId, remote);
            try
            {
                await next(connection);
            }
            finally
            {
                admission.Release(connection.ConnectionId, remote);
            }
        });
    }
}
