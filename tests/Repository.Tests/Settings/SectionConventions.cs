namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// What reflection cannot find by itself: sections bound under composed names, options classes whose
/// <c>SectionName</c> is a sub-section's name, and sections a library reads. Everything else is found by convention:
/// an options class declares <c>public const string SectionName</c>.
/// </summary>
internal static class SectionConventions
{
    /// <summary>
    /// Every composed section. <see cref="SettingsDocumentationTests"/> checks that each one is named by a constant in
    /// the programs and that no such constant names a section missing here, so this list cannot fall behind silently.
    /// </summary>
    public static IReadOnlyList<ComposedSection> Composed { get; } =
    [
        new("Simulator:Tls", "CollectorTlsOptions", new Dictionary<string, string>()),
        new("Simulator:KeepAlive", "KeepAliveOptions", new Dictionary<string, string>()),
        new("Dashboard:Tls", "CollectorTlsOptions", new Dictionary<string, string>()),

        // Every program's metrics (ServiceDefaults' MetricsOptions); several simulators often share a machine, so theirs
        // serve no scrape endpoint unless asked (SimulatorHostingExtensions).
        new("Collector:Metrics", "MetricsOptions", new Dictionary<string, string>()),
        new("Simulator:Metrics", "MetricsOptions", new Dictionary<string, string> { ["PrometheusEnabled"] = "false", ["PrometheusPort"] = "9465" }),

        // The console is the dashboard's screen: it writes console log lines only when asked to
        // (DashboardHost.LogOverrides, proved in Dashboard.Tests).
        new("Dashboard:Logs", "LogOptions", new Dictionary<string, string> { ["Console"] = "false" }),
    ];

    /// <summary>
    /// Options classes whose <c>SectionName</c> names a sub-section under each program's section rather than a
    /// section of its own (<c>Tls</c>: <c>Simulator:Tls</c>, <c>Dashboard:Tls</c>).
    /// </summary>
    public static IReadOnlySet<string> SubSectionTypeNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "CollectorTlsOptions", "MetricsOptions" };

    /// <summary>
    /// Sections a library reads rather than an options class (Serilog's levels); docs/settings.md describes them by
    /// hand, and the shared appsettings.json may set them.
    /// </summary>
    public static IReadOnlySet<string> ExternalSections { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Serilog" };
}
