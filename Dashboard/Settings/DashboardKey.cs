namespace Ingest.Dashboard.Settings;

/// <summary>Which of the dashboard's keys a command presents to the collector.</summary>
internal enum DashboardKey
{
    /// <summary><c>Dashboard:ApiKey</c>: the live view, <c>--once</c>, <c>--json</c> and <c>export</c>.</summary>
    Viewer,

    /// <summary><c>Dashboard:AdminKey</c>: <c>config …</c> and <c>command …</c>.</summary>
    Admin,
}
