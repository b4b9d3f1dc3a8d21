namespace Ingest.Dashboard.Model;

/// <summary>One sensor's aggregate over the tumbling window [<see cref="WindowStart"/>, + <see cref="Window"/>).</summary>
/// <param name="DesiredConfigVersion">The configuration version the collector wants the sensor to run; 0 while none.</param>
/// <param name="ReportedConfigVersion">The configuration version the sensor last said it runs; 0 while it runs its start-up settings.</param>
/// <param name="ConfigState">How the two versions compare.</param>
/// <param name="Paused">The sensor's last status said sampling is paused (by command) or disabled (by configuration).</param>
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
    bool Paused = false);
