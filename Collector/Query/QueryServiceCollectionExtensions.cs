using Ingest.Collector.Settings;

namespace Ingest.Collector.Query;

/// <summary>The wiring of the query budget (<see cref="QueryOptions"/>, <see cref="QueryBudget"/>).</summary>
internal static class QueryServiceCollectionExtensions
{
    public static IServiceCollection AddQueryBudget(this IServiceCollection services)
    {
        services.AddLastGoodOptions<QueryOptions>(QueryOptions.SectionName);
        services.AddSingleton<QueryBudget>();
        return services;
    }
}
