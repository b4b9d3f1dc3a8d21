using Ingest.Collector.Model;
namespace Ingest.Collector.Subscriptions;

/// <summary>Which sensors a subscriber wants: by id (exact or with <c>*</c> wildcards) and by kind. Empty lists match everything.</summary>
internal sealed class SubscriptionFilter
{
    private readonly HashSet<string> _exactIds;
    private readonly string[] _idPatterns;
    private readonly HashSet<string> _kinds;

    public SubscriptionFilter(IEnumerable<string> sensorIds, IEnumerable<string> kinds)
    {
        ArgumentNullException.ThrowIfNull(sensorIds);
        ArgumentNullException.ThrowIfNull(kinds);
        var ids = sensorIds.ToList();
        _exactIds = new HashSet<string>(ids.Where(id => !id.Contains(SensorPattern.Wildcard, StringComparison.Ordinal)), StringComparer.Ordinal);
        _idPatterns = [.. ids.Where(id => id.Contains(SensorPattern.Wildcard, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];
        _kinds = new HashSet<string>(kinds, StringComparer.Ordinal);
    }

    public static SubscriptionFilter Everything { get; } = new([], []);

    public bool Matches(string sensorId, string kind)
    {
        if (_kinds.Count > 0 && !_kinds.Contains(kind))
        {
            return false;
        }

        if (_exactIds.Count == 0 && _idPatterns.Length == 0)
        {
            return true;
        }

        if (_exactIds.Contains(sensorId))
        {
            return true;
        }

        foreach (var pattern in _idPatterns)
        {
            if (SensorPattern.Matches(pattern, sensorId))
            {
                return true;
            }
        }

        return false;
    }
}
