using Ingest.Collector.DesiredState;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Hosting;

/// <summary>Wires the sensor registration budget and the forgetting of unused sensor ids (<c>Collector:Registration</c>).</summary>
internal static class RegistrationHostingExtensions
{
    public static IServiceCollection AddSensorRegistrations(this IServiceCollection services)
    {
        services.AddLastGoodOptions<SensorRegistrationOptions>(SensorRegistrationOptions.SectionName);
        services.AddSingleton<SensorRegistrationBudget>();
        services.AddSingleton<SensorForgetting>();
        return services;
    }
}
