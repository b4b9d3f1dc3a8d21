namespace Ingest.Dashboard.Model;

/// <summary>One sensor's aggregate over the tumbling window [<see cref="WindowStart"/>, + <see cref="Window"/>).</summary>
internal sealed record WindowAggregate(
    string SensorId,
    string Kind,
    DateTimeOffset WindowStart,
    TimeSpan Window,
    ulong Count,
    double Min,
    double Max,
    double Mean,
    double Last,
    double ReadingsPerSecond,
    SensorStatus Status,
    bool Closed,
    ulong DesiredConfigVersion,
    ulong ReportedConfigVersion);
