namespace Ingest.Collector.Aggregation;

/// <summary>One sensor's aggregate over one window, as published to subscribers.</summary>
/// <param name="Closed">False while the window is still open (shown only in a snapshot).</param>
internal sealed record WindowSummary(
    string SensorId,
    string Kind,
    long WindowStartMicros,
    TimeSpan Window,
    long Count,
    double Min,
    double Max,
    double Mean,
    double Last,
    double ReadingsPerSecond,
    SensorLiveness Liveness,
    bool Closed);
