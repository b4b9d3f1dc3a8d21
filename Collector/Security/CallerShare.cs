using Grpc.Core;

namespace Ingest.Collector.Security;

/// <summary>
/// Whose share of a budget a call takes: the name of the key it presented, or, on a call without one (keys off, or
/// a method that needs none), its remote address without the port.
/// </summary>
internal static class CallerShare
{
    public static string Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SensorAccess.Find(context) is { } caller)
        {
            return "key " + caller.Name;
        }

        var peer = context.Peer ?? "";
        var port = peer.LastIndexOf(':');
        return "address " + (port > peer.IndexOf(':', StringComparison.Ordinal) ? peer[..port] : peer);
    }
}
