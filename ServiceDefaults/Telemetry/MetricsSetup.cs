using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ingest.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry metrics for every Ingest program: the program's own meters and the .NET runtime's, under the program's
/// service name, pushed over OTLP when an endpoint is set. Each program adds its Prometheus exporter itself (the collector
/// serves it through ASP.NET Core, the simulator, which has no web server, through an HttpListener).
/// </summary>
public static class MetricsSetup
{
    /// <summary>
    /// The runtime's instruments whose names end in <c>.count</c>, renamed: Prometheus keeps the <c>_count</c> suffix for
    /// histograms and summaries (<c>promtool check metrics</c> refuses it on a gauge), and the renamed ones say the same.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeRenames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary>
    /// Binds <see cref="MetricsOptions"/> from <paramref name="sectionName"/> (over <paramref name="defaults"/>, the program's
    /// own defaults), and registers the meter provider with <paramref name="meters"/>; <paramref name="prometheus"/> adds the
    /// program's Prometheus exporter when <see cref="MetricsOptions.PrometheusEnabled"/>. Returns the options as bound now.
    /// </summary>
    public static MetricsOptions AddIngestMetrics(
        this IHostApplicationBuilder builder,
        string sectionName,
        string serviceName,
        Action<MetricsOptions> defaults,
        Action<MeterProviderBuilder, MetricsOptions> prometheus,
        params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(prometheus);
        builder.Services.AddOptionsWithValidateOnStart<MetricsOptions>()
            .Configure(defaults)
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations();

        // The exporters are chosen at start, so the settings are read here as well as bound.
        var options = new MetricsOptions();
        defaults(options);
        builder.Configuration.GetSection(sectionName).Bind(options);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(MetricsSetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(meters).AddRuntimeInstrumentation();
                foreach (var (instrument, name) in RuntimeRenames)
                {
                    metrics.AddView(instrument, name);
                }

                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = endpoint;
                        exporter.Protocol = options.OtlpProtocol;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
                    });
                }

                if (options.PrometheusEnabled)
                {
                    prometheus(metrics, options);
                }
            });
        return options;
    }
}
