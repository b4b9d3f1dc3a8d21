using Ingest.Collector.Errors;

namespace Ingest.Collector.Security;

/// <summary>
/// The caller of one call, and the sensor id it was last allowed to send as, so that a stream of batches
/// of one sensor costs one string comparison per batch.
/// </summary>
internal sealed class CallAccess(Caller caller)
{
    private string? _allowed;

    public Caller Caller { get; } = caller;

    /// <summary>Throws PermissionDenied unless the caller's key is bound to <paramref name="sensorId"/>.</summary>
    public void EnsureMaySendAs(string sensorId)
    {
        if (string.Equals(sensorId, _allowed, StringComparison.Ordinal))
        {
            return;
        }

        if (!Caller.MaySendAs(sensorId))
        {
            throw RpcErrors.PermissionDenied(Caller.Role == CallerRole.Sensor
                ? $"key '{Caller.Name}' may not send as sensor '{sensorId}'; it is bound to {string.Join(", ", Caller.Sensors)}"
                : $"key '{Caller.Name}' is a {Caller.Role.ToString().ToLowerInvariant()} key and may not send as sensor '{sensorId}'; use a sensor key");
        }

        _allowed = sensorId;
    }
}
