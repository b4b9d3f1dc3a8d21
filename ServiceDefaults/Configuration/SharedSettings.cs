using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ingest.ServiceDefaults.Configuration;

/// <summary>
/// Loads the shared <c>appsettings.json</c> that every Ingest process reads before its own settings,
/// environment variables and command-line arguments.
/// </summary>
public static class SharedSettings
{
    /// <summary>The environment variable that names the shared settings file.</summary>
    public const string PathVariable = "INGEST_SETTINGS";

    /// <summary>The .NET host setting that turns off the reload of settings files when false.</summary>
    public const string ReloadSetting = "hostBuilder:reloadConfigOnChange";

    /// <summary>The file name the build copies next to every program.</summary>
    public const string BundledFileName = "ingest.appsettings.json";

    /// <summary>
    /// Puts the shared settings file first among the configuration sources, so that everything else
    /// overrides it. The file is <c>$INGEST_SETTINGS</c> when set, else the copy bundled with the program.
    /// It is reloaded when it changes, unless the .NET host setting <c>hostBuilder:reloadConfigOnChange</c>
    /// (environment variable <c>DOTNET_hostBuilder__reloadConfigOnChange</c>) is false, which turns off the reload
    /// of the host's own settings files too.
    /// </summary>
    public static IHostApplicationBuilder AddIngestSharedSettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var path = ResolvePath(configured);

        // A file named explicitly must exist; the bundled copy may be absent (e.g. under a test host).
        var reload = builder.Configuration.GetValue(ReloadSetting, defaultValue: true);
        var source = new ConfigurationBuilder()
            .AddJsonFile(path, optional: string.IsNullOrWhiteSpace(configured), reloadOnChange: reload)
            .Sources[0];
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }

    /// <summary>The absolute path of the shared settings file this process reads.</summary>
    public static string ResolvePath(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, BundledFileName)
            : Path.GetFullPath(configured);
}
