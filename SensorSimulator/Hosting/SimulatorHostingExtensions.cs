using Ingest.Protocol;
using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Fleet;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Reporting;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Uploading;
using Ingest.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Ingest.SensorSimulator.Hosting;

/// <summary>Registers the simulator: options, one shared channel per collector, the fleet and its workers.</summary>
internal static class SimulatorHostingExtensions
{
    /// <summary>How much longer than the flush the host waits for its services to stop.</summary>
    public static readonly TimeSpan HostShutdownMargin = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection attempt to the collector may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The section of the channel's keep-alive pings.</summary>
    public const string KeepAliveSectionName = SimulatorOptions.SectionName + ":KeepAlive";

    /// <summary>The simulator's TLS client settings.</summary>
    public const string TlsSection = SimulatorOptions.SectionName + ":" + CollectorTlsOptions.SectionName;

    /// <summary>The simulator's metrics settings: where its ledger figures are pushed and scraped.</summary>
    public const string MetricsSectionName = SimulatorOptions.SectionName + ":" + MetricsOptions.SectionName;

    /// <summary>The simulator's scrape port when turned on: beside the collector's 9464.</summary>
    public const int DefaultPrometheusPort = 9465;

    public static IHostApplicationBuilder AddSensorSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<FailoverOptions>()
            .BindConfiguration(FailoverOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<ControlOptions>()
            .BindConfiguration(ControlOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<SensorLimitsOptions>()
            .BindConfiguration(SensorLimitsOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<KeepAliveOptions>()
            .BindConfiguration(KeepAliveSectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<SimulatorChaosOptions>()
            .BindConfiguration(SimulatorChaosOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<SpoolOptions>()
            .BindConfiguration(SpoolOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptions<CollectorTlsOptions>().BindConfiguration(TlsSection);

        // The flush must not be cut short by the host.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<SimulatorOptions>>((host, simulator) =>
                host.ShutdownTimeout = simulator.Value.ShutdownTimeout + HostShutdownMargin);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var tls = provider.GetRequiredService<IOptions<CollectorTlsOptions>>().Value;
            var keepAlive = provider.GetRequiredService<IOptions<KeepAliveOptions>>().Value;
            return new CollectorChannels([.. options.EffectiveCollectorAddresses.Select(address =>
                CollectorChannel.Create(address, ConnectTimeout, options.ApiKey, tls, TlsSection, keepAlive: keepAlive))]);
        });
        services.AddSingleton<SimulatorChaos>();
        services.AddSingleton<IReadOnlyList<CollectorClient>>(provider =>
        [
            .. provider.GetRequiredService<CollectorChannels>().Channels.Select(channel =>
                new CollectorClient(channel.CreateCallInvoker(), provider.GetRequiredService<TimeProvider>())),
        ]);
        services.AddSingleton<IReadOnlyList<ControlConnector>>(provider =>
        [
            .. provider.GetRequiredService<CollectorChannels>().Channels.Select(channel =>
                new ControlConnector(channel.CreateCallInvoker(), provider.GetRequiredService<TimeProvider>())),
        ]);
        services.AddSingleton<SpoolHolder>();
        services.AddSingleton<FleetMonitor>();
        services.AddSingleton<ControlMonitor>();
        services.AddSingleton<ConfigValidator>();
        services.AddSingleton<ControlPipelineFactory>();
        services.AddSingleton<ControlClientFactory>();
        services.AddSingleton<UploadPipelineFactory>();
        services.AddSingleton<SensorFactory>();
        services.AddSingleton<SensorFleet>();
        services.AddSingleton<FleetReport>();
        services.AddSingleton<LedgerMetrics>();

        // Several simulators often run on one machine, so the scrape endpoint is off unless asked for.
        builder.AddIngestMetrics(MetricsSectionName, "ingest-simulator",
            defaults => (defaults.PrometheusEnabled, defaults.PrometheusPort) = (false, DefaultPrometheusPort),
            (metrics, options) => metrics.AddPrometheusHttpListener(listener =>
            {
                listener.Host = options.PrometheusAddress;
                listener.Port = options.PrometheusPort;
                listener.ScrapeEndpointPath = options.PrometheusPath;
            }),
            SimulatorChaos.MeterName);
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInstrumentation(provider => provider.GetRequiredService<LedgerMetrics>()));
        services.AddSingleton<ProgramExit>();
        // Before the fleet's worker: the spool opens before the sensors start, and closes after they have flushed.
        services.AddHostedService<SpoolService>();
        services.AddHostedService<FleetWorker>();
        services.AddHostedService<StatusReporter>();
        return builder;
    }
}
