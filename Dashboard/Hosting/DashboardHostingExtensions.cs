using Grpc.Net.Client;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Export;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Grpc;
using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Live;
using Ingest.Dashboard.Once;
using Ingest.Dashboard.SensorCommands;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Settings;
using Ingest.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.Hosting;

/// <summary>Registers the dashboard: options, the one shared channel, the gRPC adapters (feed, readings, admin), the feed loop and the commands.</summary>
internal static class DashboardHostingExtensions
{
    /// <summary>The dashboard's TLS client settings.</summary>
    public const string TlsSection = DashboardOptions.SectionName + ":" + CollectorTlsOptions.SectionName;

    /// <param name="builder">The host builder.</param>
    /// <param name="key">Which key the channel presents on every call.</param>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder, DashboardKey key)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptions<CollectorTlsOptions>().BindConfiguration(TlsSection);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DashboardOptions>>().Value;

            // Chunks of stored readings can be large.
            return CollectorChannel.Create(
                options.CollectorAddress,
                options.ConnectTimeout,
                options.KeyFor(key),
                provider.GetRequiredService<IOptions<CollectorTlsOptions>>().Value,
                TlsSection,
                maxReceiveMessageSizeBytes: 16 * 1024 * 1024);
        });
        services.AddSingleton<ICollectorFeed>(provider => new GrpcCollectorFeed(
            provider.GetRequiredService<GrpcChannel>().CreateCallInvoker(),
            DashboardIdentity.SensorIdFor(Environment.MachineName),
            provider.GetRequiredService<IOptions<DashboardOptions>>().Value.ConnectTimeout,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReadingsSource>(provider =>
            new GrpcReadingsSource(provider.GetRequiredService<GrpcChannel>().CreateCallInvoker()));
        services.AddSingleton(provider => new GrpcAdminClient(
            provider.GetRequiredService<GrpcChannel>().CreateCallInvoker(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISensorConfigAdmin>(provider => provider.GetRequiredService<GrpcAdminClient>());
        services.AddSingleton<ISensorCommandAdmin>(provider => provider.GetRequiredService<GrpcAdminClient>());
        services.AddSingleton<FeedLoop>();
        services.AddSingleton<LiveView>();
        services.AddSingleton<OnceCommand>();
        services.AddSingleton<LinesCommand>();
        services.AddSingleton<ExportCommand>();
        services.AddSingleton<ConfigSetCommand>();
        services.AddSingleton<ConfigUnsetCommand>();
        services.AddSingleton<ConfigShowCommand>();
        services.AddSingleton<ConfigListCommand>();
        services.AddSingleton<ConfigOverridesCommand>();
        services.AddSingleton<SensorCommandSender>();
        return builder;
    }
}
