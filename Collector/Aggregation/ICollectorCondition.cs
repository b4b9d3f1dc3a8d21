namespace Ingest.Collector.Aggregation;

/// <summary>
/// What the statistics tell of the collector beyond the aggregates, from the layers above Aggregation (storage
/// health, chaos, control streams). Reporting implements it; without one the statistics leave those figures out.
/// </summary>
internal interface ICollectorCondition
{
    /// <summary>The condition now.</summary>
    CollectorCondition Read();
}
