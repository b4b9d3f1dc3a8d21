using Microsoft.Extensions.Options;

namespace Ingest.Collector.Settings;

/// <summary>Registers a settings section that is validated at start and reloads live through <see cref="LastGoodOptions{T}"/>.</summary>
internal static class LastGoodOptionsExtensions
{
    public static OptionsBuilder<T> AddLastGoodOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        var builder = services.AddOptionsWithValidateOnStart<T>().BindConfiguration(section).ValidateDataAnnotations();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<LastGoodOptions<T>>(provider, section));
        services.AddHostedService(provider => provider.GetRequiredService<LastGoodOptions<T>>());
        return builder;
    }
}
