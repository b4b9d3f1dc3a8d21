using System.Diagnostics.Metrics;
using System.Net;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Ingest.Collector.Admin;
using Ingest.Collector.Aggregation;
using Ingest.Collector.Benchmarking;
using Ingest.Collector.Calls;
using Ingest.Collector.Chaos;
using Ingest.Collector.Commit;
using Ingest.Collector.Connections;
using Ingest.Collector.Control;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Feed;
using Ingest.Collector.Greeting;
using Ingest.Collector.Health;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Model;
using Ingest.Collector.Query;
using Ingest.Collector.Reporting;
using Ingest.Collector.Security;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Postgres;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Subscriptions;
using Ingest.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Ingest.Collector.Hosting;

/// <summary>The collector's wiring: services, endpoint and gRPC routes.</summary>
internal static class CollectorHostingExtensions
{
    /// <summary>
    /// The chunk and config stores of <paramref name="engine"/>, registered before chaos wraps the chunk store. An engine
    /// name the options do not know is refused by their validation at start; until then it falls back to SQLite.
    /// </summary>
    private static void AddStorageEngine(IServiceCollection services, StorageEngine engine)
    {
        if (engine == StorageEngine.Postgres)
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<IChunkStore, PostgresChunkStore>();
            services.AddSingleton<IConfigStore, PostgresConfigStore>();
            services.AddHostedService<SharedTotalsRefresher>();
            return;
        }

        services.AddSingleton<IChunkStore, SqliteChunkStore>();
        services.AddSingleton<IConfigStore, SqliteConfigStore>();
    }

    /// <summary>The collector's metrics settings: where they are pushed and scraped.</summary>
    public const string MetricsSectionName = CollectorOptions.SectionName + ":" + MetricsOptions.SectionName;

    public static WebApplicationBuilder AddCollector(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<CollectorOptions>().BindConfiguration(CollectorOptions.SectionName).ValidateDataAnnotations();
        services.AddLastGoodOptions<IngestionOptions>(IngestionOptions.SectionName);
        services.AddOptionsWithValidateOnStart<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<AggregationOptions>().BindConfiguration(AggregationOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<BenchmarkOptions>().BindConfiguration(BenchmarkOptions.SectionName);
        services.AddOptionsWithValidateOnStart<ConnectionOptions>().BindConfiguration(ConnectionOptions.SectionName).ValidateDataAnnotations();
        // It measures the machine, not the collector's clock: always real time, also where tests put in a fake one.
        services.AddSingleton(provider => new SchedulingDelay(TimeProvider.System, provider.GetRequiredService<IMeterFactory>()));
        services.AddHostedService<SchedulingDelaySampler>();
        services.AddSingleton<ConnectionAdmission>();
        services.AddLastGoodOptions<ControlOptions>(ControlOptions.SectionName);
        services.AddSingleton<IValidateOptions<ControlOptions>, ControlOptionsValidator>();
        services.AddSensorRegistrations();

        services.AddOptions<HostOptions>().Configure<IOptions<CollectorOptions>>((host, collector) => host.ShutdownTimeout = collector.Value.ShutdownTimeout);
        services.AddOptionsWithValidateOnStart<TransportOptions>().BindConfiguration(TransportOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<CollectorOptions>, IOptions<MetricsOptions>, IOptions<TransportOptions>>(
            (kestrel, collector, metrics, transport) => ConfigureEndpoints(kestrel, collector.Value, metrics.Value, transport.Value));
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<IngestionOptions>>((grpc, ingestion) => grpc.MaxReceiveMessageSize = ingestion.Value.MaxMessageSizeBytes);

        builder.AddIngestMetrics(MetricsSectionName, "ingest-collector", _ => { },
            (metrics, options) => metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeEndpointPath = options.PrometheusPath),
            IngestMetrics.MeterName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CollectorIdentity>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<RefusedCalls>();
        services.AddOptionsWithValidateOnStart<RefusalLogOptions>().BindConfiguration(RefusalLogOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<RefusalLog>();
        services.AddQueryBudget();
        services.AddSingleton<UnfinishedBody>();
        services.AddSingleton<CutStreams>();
        services.AddSingleton<SequenceLedger>();
        services.AddSingleton<SensorDirectory>();
        services.AddSingleton<ConnectedSensors>();
        services.AddSingleton<CommittedBatchFeed>();
        services.AddSingleton<StorageHealth>();
        var engine = builder.Configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.Engine)];
        AddStorageEngine(services, Enum.TryParse<StorageEngine>(engine, ignoreCase: true, out var parsed) ? parsed : StorageEngine.Sqlite);
        services.AddCollectorChaos();
        services.AddSingleton<CommitPipeline>();
        services.AddHostedService(provider => provider.GetRequiredService<CommitPipeline>());
        services.AddHostedService<StorageRecoveryService>();
        services.AddSingleton<ControlSessions>();
        services.AddHostedService<ControlStreamsDrain>();
        services.AddSingleton<IConfigChangeListener>(provider => provider.GetRequiredService<ControlSessions>());
        services.AddSingleton<ControlMetrics>();
        services.AddSingleton(provider => new ReportedConfigs(provider.GetRequiredService<SubscriptionHub>()));
        services.AddSingleton<DesiredConfigs>();
        services.AddSingleton<SensorConfigLookup>();
        services.AddHostedService<DesiredStateService>();
        services.AddSingleton<WindowRunPlanner>();
        services.AddSingleton<BatchValidator>();
        services.AddSingleton<UploadGate>();
        services.AddSingleton<KeyUploadShares>();
        services.AddSingleton<BufferedBytesBudget>();
        services.AddSingleton<UploadIdleTimeouts>();
        services.AddSingleton<UploadBudgets>();
        services.AddSingleton<SensorStreamLimit>();
        services.AddSingleton<SensorReadingRate>();
        services.AddSingleton<SensorLimits>();
        services.AddSingleton<SubscriptionHub>();
        services.AddSingleton<IAggregatePublisher>(provider => provider.GetRequiredService<SubscriptionHub>());
        services.AddSingleton<IConfigChangeListener>(provider => provider.GetRequiredService<SubscriptionHub>());
        services.AddSingleton<AggregationMetrics>();
        services.AddSingleton<ICollectorCondition, CollectorConditionReader>();
        services.AddSingleton<Aggregator>();
        services.AddSingleton<AggregationService>();
        services.AddHostedService(provider => provider.GetRequiredService<AggregationService>());
        services.AddHostedService<StatusReporter>();

        // After the commit pipeline, whose start opens storage: a collector that cannot open it starts no sweep.
        services.AddHostedService<SensorForgettingService>();

        services.AddCollectorSecurity();
        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
            grpc.Interceptors.Add<KeyInterceptor>();
        });
        // In place of grpc-dotnet's provider: the same methods, but a request that is no valid message is InvalidArgument.
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ParsedRequestMethodProvider<>));
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    public static WebApplication MapCollector(this WebApplication app)
    {
        app.UseMiddleware<RefusedConnectionMiddleware>();
        // After routing has chosen the gRPC method, before its endpoint reads a byte of the body.
        app.UseMiddleware<KeyGate>();
        app.MapGrpcService<GreeterService>();
        app.MapGrpcService<IngestionService>();
        app.MapGrpcService<AggregatesService>();
        app.MapGrpcService<QueryService>();
        app.MapGrpcService<ControlService>();
        app.MapGrpcService<AdminService>();
        if (app.Services.GetRequiredService<IOptions<BenchmarkOptions>>().Value.SinkEnabled)
        {
            app.MapGrpcService<SinkService>();
        }

        var metrics = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (metrics.PrometheusEnabled)
        {
            // Only on the metrics port, which speaks HTTP/1.1: the gRPC port never answers a scrape.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Connection.LocalPort == metrics.PrometheusPort
                    && string.Equals(context.Request.Path.Value, metrics.PrometheusPath, StringComparison.Ordinal),
                path: null,
                configureBranchedPipeline: branch => branch.UseMiddleware<ScrapeAccess>(),
                optionsName: null);
        }

        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ingest.Collector");
        var options = app.Services.GetRequiredService<IOptions<CollectorOptions>>().Value;
        var identity = app.Services.GetRequiredService<CollectorIdentity>();
        app.Lifetime.ApplicationStarted.Register(() => CollectorLog.Listening(logger, identity.InstanceId,
            $"{(options.Tls.Enabled ? "https" : "http")}://{options.Address}:{options.Port}", options.Tls.Enabled ? "HTTP/2 over TLS" : "HTTP/2 cleartext"));
        if (metrics.PrometheusEnabled)
        {
            app.Lifetime.ApplicationStarted.Register(() => CollectorLog.MetricsListening(logger,
                $"http://{metrics.PrometheusAddress}:{metrics.PrometheusPort}{metrics.PrometheusPath}", app.Services.GetRequiredService<KeyTable>().Metrics.ToString()));
        }

        app.Lifetime.ApplicationStopping.Register(() => CollectorLog.Stopping(logger));
        return app;
    }

    private static void ConfigureEndpoints(KestrelServerOptions kestrel, CollectorOptions options, MetricsOptions metrics, TransportOptions transport)
    {
        if (metrics.PrometheusEnabled)
        {
            kestrel.Listen(IPAddress.Parse(metrics.PrometheusAddress), metrics.PrometheusPort, listen => listen.Protocols = HttpProtocols.Http1);
        }

        TransportLimits.Apply(kestrel.Limits, transport);
        var address = IPAddress.Parse(options.Address);
        kestrel.Listen(address, options.Port, listen =>
        {
            if (options.Tls.Enabled)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                TlsEndpoint.Configure(listen, options.Tls);
            }
            else
            {
                listen.Protocols = HttpProtocols.Http2;
            }

            ConnectionAdmissionEndpoint.Configure(kestrel, listen);
        });
    }
}
