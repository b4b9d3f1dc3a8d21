using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>The wiring of key authentication; the interceptor itself is added to the gRPC options.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddCollectorSecurity(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IValidateOptions<Hosting.CollectorOptions>, TlsOptionsValidator>();
        services.AddSingleton<KeyTable>();
        services.AddSingleton<KeyInterceptor>();
        return services;
    }
}
