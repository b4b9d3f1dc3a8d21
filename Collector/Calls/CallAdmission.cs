using Grpc.Core;
using Ingest.Collector.Errors;

namespace Ingest.Collector.Calls;

/// <summary>What every streaming call checks before the collector takes it.</summary>
internal static class CallAdmission
{
    /// <summary>
    /// Refuses a call in a protocol version the collector does not speak (FailedPrecondition) or any call
    /// while the collector stops (Unavailable); returns the token that fires when it starts stopping.
    /// </summary>
    public static CancellationToken Admit(ServerCallContext context, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lifetime);
        ProtocolVersion.EnsureSupported(context.RequestHeaders);
        var stopping = lifetime.ApplicationStopping;
        return stopping.IsCancellationRequested ? throw RpcErrors.ShuttingDown() : stopping;
    }
}
