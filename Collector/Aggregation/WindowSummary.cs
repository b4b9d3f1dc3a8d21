namespace Ingest.Collector.Aggregation;

/// <summary>One sensor's aggregate over one window, as published to subscribers.</summary>
/// <param name="Closed">False while the window is still open (shown only in a snapshot), and for a sensor with no readings.</param>
/// <param name="RejectedBatches">Batches of the sensor rejected since it entered the live view.</param>
/// <param name="LastRejection">Why the latest of them was rejected; empty while none was.</param>
/// <remarks>
/// A sensor the collector knows only through rejected batches has a summary with no readings
/// (<see cref="HasReadings"/> false): count 0, no window start, and its rejections.
/// </remarks>
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
    bool Closed,
    long RejectedBatches = 0,
    string LastRejection = "")
{
    /// <summary>False for a sensor in the live view only through rejected batches: there is no window of its readings.</summary>
    public bool HasReadings => Count > 0;
}
