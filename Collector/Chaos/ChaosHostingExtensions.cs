using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Chaos;

/// <summary>The wiring of Collector:Chaos.</summary>
internal static class ChaosHostingExtensions
{
    /// <summary>
    /// Registers Collector:Chaos and wraps the <see cref="IChunkStore"/> registered so far in a
    /// <see cref="ChaosChunkStore"/> when chaos is enabled at start (otherwise the store is used as it is).
    /// </summary>
    public static IServiceCollection AddCollectorChaos(this IServiceCollection services)
    {
        services.AddLastGoodOptions<ChaosOptions>(ChaosOptions.SectionName);
        services.AddSingleton<ChaosMetrics>();
        services.AddSingleton<UploadChaos>();
        services.AddHostedService<ChaosAnnouncement>();

        var store = services.Last(d => d.ServiceType == typeof(IChunkStore));
        services.Remove(store);
        services.AddSingleton<IChunkStore>(provider =>
        {
            var inner = (IChunkStore)(store.ImplementationInstance
                ?? store.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, store.ImplementationType!));
            return provider.GetRequiredService<IOptions<ChaosOptions>>().Value.Enabled
                ? ActivatorUtilities.CreateInstance<ChaosChunkStore>(provider, inner)
                : inner;
        });
        return services;
    }
}
