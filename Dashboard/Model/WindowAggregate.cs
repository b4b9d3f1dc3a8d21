namespace Ingest.Dashboard.Model;

/// <summary>One sensor's aggregate over the tumbling window [<see cref="WindowStart"/>, + <see cref="Window"/>).</summary>
/// <param name="DesiredConfigVersion">The configuration version the collector wants the sensor to run; 0 while none.</param>
/// <param name="ReportedConfigVersion">The configuration version the sensor last said it runs; 0 while it runs its start-up settings.</param>
/// <param name="ConfigState">How the two versions compare.</param>
/// <param name="Paused">The sensor's last status said sampling is paused (by command) or disabled (by configuration).</param>
/// <param name="RejectedBatches">Batches of the sensor the collector rejected since the sensor entered its live view.</param>
/// <param name="LastRejection">Why the latest of them was rejected; empty while none was.</param>
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
    ulong ReportedConfigVersion,
    ConfigState ConfigState = ConfigState.Unknown,
    bool Paused = false,
    ulong RejectedBatches = 0,
    string LastRejection = "")
{
    /// <summary>
    /// True for a sensor the collector knows only through rejected batches: no window of its readings (count 0,
    /// no window start), only its rejections.
    /// </summary>
    public bool RejectedOnly => Count == 0 && RejectedBatches > 0;
}
