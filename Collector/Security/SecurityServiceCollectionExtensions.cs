using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>The wiring of key authentication; the interceptor itself is added to the gRPC options.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddCollectorSecurity(this IServiceCollection services)
    {
        services.AddLastGoodOptions<SecurityOptions>(SecurityOptions.SectionName);
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IValidateOptions<Settings.CollectorOptions>, TlsOptionsValidator>();
        services.AddSingleton<KeyTable>();
        services.AddSingleton<KeyCheck>();
        services.AddSingleton<KeyInterceptor>();
        return services;
    }
}
