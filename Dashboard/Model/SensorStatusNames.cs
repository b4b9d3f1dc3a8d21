namespace Ingest.Dashboard.Model;

/// <summary>
/// A sensor's status in JSON and <c>key=value</c> lines: <c>live</c>, <c>stale</c>, <c>offline</c> or <c>unknown</c>,
/// as the collector judges its liveness, or <c>rejected</c> while the collector knows it only through rejected batches.
/// </summary>
internal static class SensorStatusNames
{
    public static string Name(WindowAggregate window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.RejectedOnly ? "rejected" : window.Status switch
        {
            SensorStatus.Live => "live",
            SensorStatus.Stale => "stale",
            SensorStatus.Offline => "offline",
            _ => "unknown",
        };
    }
}
