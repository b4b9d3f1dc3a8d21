using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Rendering;

/// <summary>What the user chose to see: which sensors, in what order, over which window.</summary>
internal sealed record ViewSettings(SensorFilter Filter, SortOrder Sort, TimeSpan? Window)
{
    public static ViewSettings Default { get; } = new(SensorFilter.All, SortOrder.Id, null);
}
