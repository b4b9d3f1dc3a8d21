using Ingest.Collector.Calls;
using Ingest.Collector.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ingest.Collector.Hosting;

/// <summary>Kestrel's limits as <see cref="TransportOptions"/> sets them.</summary>
internal static class TransportLimits
{
    public static void Apply(KestrelServerLimits limits, TransportOptions transport)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(transport);
        limits.Http2.MaxStreamsPerConnection = transport.MaxStreamsPerConnection;
        limits.RequestHeadersTimeout = transport.RequestHeadersTimeout;

        // Kestrel times a connection's body reads together, so a stream that waits legitimately (an upload between
        // batches, a control stream) would fault its connection: the gate lifts it on streaming calls, which
        // MessageRate holds to the same rate while a message is arriving.
        limits.MinRequestBodyDataRate = transport.MinRequestBodyDataRateBytesPerSecond > 0
            ? new MinDataRate(transport.MinRequestBodyDataRateBytesPerSecond, transport.MinRequestBodyDataRateGracePeriod)
            : null;
    }
}
