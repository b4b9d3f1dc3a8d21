using Ingest.Dashboard.Grpc;
using Ingest.Dashboard.Settings;
using Ingest.ServiceDefaults.Configuration;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.Hosting;

/// <summary>
/// Builds the dashboard's services from the shared settings, the environment and the command line. The host is
/// not run: it only holds configuration, logging and the services a command needs.
/// </summary>
internal static class DashboardHost
{
    /// <summary>The section whose keys replace <c>Logs:*</c> for the dashboard.</summary>
    public const string LogsSection = DashboardOptions.SectionName + ":Logs";

    /// <summary>
    /// Builds the host, validates the options and opens the channel, which presents <paramref name="key"/>'s key
    /// (<paramref name="keyOverride"/> when given); throws <see cref="OptionsValidationException"/> on a bad setting
    /// and <see cref="InvalidOperationException"/> on an unreadable TLS file.
    /// </summary>
    public static IHost Build(IReadOnlyList<Uri> collectors, DashboardKey key, string? keyOverride)
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.AddIngestSharedSettings();
        builder.Configuration.AddInMemoryCollection(LogOverrides(builder.Configuration));
        ArgumentNullException.ThrowIfNull(collectors);
        if (collectors.Count > 0)
        {
            // --collector replaces both settings, whatever list the settings files hold.
            builder.Services.PostConfigure<DashboardOptions>(options =>
            {
                options.CollectorAddress = collectors[0].OriginalString;
                options.CollectorAddresses = collectors.Select(collector => collector.OriginalString).ToList();
            });
        }

        if (keyOverride is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(DashboardOptions.SettingFor(key), keyOverride)]);
        }

        builder.AddIngestLogging("Dashboard");
        builder.AddDashboard(key);
        var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            host.Services.GetRequiredService<CollectorChannels>();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>Logs:*</c> as the dashboard uses them: every key of <c>Dashboard:Logs</c>, and never console lines unless
    /// <c>Dashboard:Logs:Console</c> asks for them, since the console is the dashboard's screen.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> LogOverrides(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LogsSection);
        var overrides = section.AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => $"{LogOptions.SectionName}:{pair.Key}", pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        overrides.TryAdd($"{LogOptions.SectionName}:{nameof(LogOptions.Console)}", "false");
        return overrides;
    }
}
