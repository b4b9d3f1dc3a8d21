namespace Ingest.Dashboard.Rendering;

/// <summary>The columns of the sensor table, in display order.</summary>
internal enum SensorColumn
{
    Id,
    Kind,
    Status,
    Rejected,
    Last,
    Min,
    Mean,
    Max,
    Rate,
    Trend,
    Config,
}
