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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.Hosting;

/// <summary>
/// Registers the dashboard: options, one channel per collector, the gRPC adapters (a feed loop per collector; readings
/// and admin from the first collector that answers) and the commands.
/// </summary>
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
            var tls = provider.GetRequiredService<IOptions<CollectorTlsOptions>>().Value;

            // One channel per collector; chunks of stored readings can be large.
            return new CollectorChannels(options.Collectors()
                .Select(address => (address, CollectorChannel.Create(
                    address, options.ConnectTimeout, options.KeyFor(key), tls, TlsSection, maxReceiveMessageSizeBytes: 16 * 1024 * 1024)))
                .ToArray());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DashboardOptions>>();
            var time = provider.GetRequiredService<TimeProvider>();
            var logger = provider.GetRequiredService<ILogger<FeedLoop>>();
            var sensorId = DashboardIdentity.SensorIdFor(Environment.MachineName);
            return new FleetLoop(provider.GetRequiredService<CollectorChannels>().All
                .Select(collector => new FeedLoop(
                    new GrpcCollectorFeed(collector.Channel.CreateCallInvoker(), sensorId, options.Value.ConnectTimeout, time),
                    collector.Address,
                    options,
                    time,
                    logger))
                .ToArray());
        });
        services.AddSingleton<IReadingsSource>(provider => new FailoverReadingsSource(new CollectorFailover<IReadingsSource>(
            provider.GetRequiredService<CollectorChannels>().All
                .Select(collector => (collector.Address, (IReadingsSource)new GrpcReadingsSource(collector.Channel.CreateCallInvoker())))
                .ToArray(),
            provider.GetRequiredService<ILogger<FailoverReadingsSource>>())));
        services.AddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            var logger = provider.GetRequiredService<ILogger<FailoverAdminClient>>();
            var clients = provider.GetRequiredService<CollectorChannels>().All
                .Select(collector => (collector.Address, Client: new GrpcAdminClient(collector.Channel.CreateCallInvoker(), time)))
                .ToArray();
            return new FailoverAdminClient(
                new CollectorFailover<ISensorConfigAdmin>(clients.Select(c => (c.Address, (ISensorConfigAdmin)c.Client)).ToArray(), logger),
                new CollectorFailover<ISensorCommandAdmin>(clients.Select(c => (c.Address, (ISensorCommandAdmin)c.Client)).ToArray(), logger));
        });
        services.AddSingleton<ISensorConfigAdmin>(provider => provider.GetRequiredService<FailoverAdminClient>());
        services.AddSingleton<ISensorCommandAdmin>(provider => provider.GetRequiredService<FailoverAdminClient>());
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
