namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>The demo keys of the root appsettings.json, which the in-process collector loads.</summary>
public static class TestKeys
{
    public const string Sensor = "demo-sensor-key";

    public const string Viewer = "demo-viewer-key";

    public const string Admin = "demo-admin-key";

    /// <summary>The key the default channel sends on a call to <paramref name="path"/> (e.g. <c>/ingest.v1.Admin/ListSensors</c>).</summary>
    public static string ForPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith("/ingest.v1.Admin/", StringComparison.Ordinal))
        {
            return Admin;
        }

        return path.StartsWith("/ingest.v1.Aggregates/", StringComparison.Ordinal) || path.StartsWith("/ingest.v1.Query/", StringComparison.Ordinal)
            ? Viewer
            : Sensor;
    }
}
