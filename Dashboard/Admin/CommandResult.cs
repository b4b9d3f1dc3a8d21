namespace Ingest.Dashboard.Admin;

/// <summary>How many sensors a command reached.</summary>
/// <param name="SensorsReached">Connected sensors in scope that the command was queued for.</param>
/// <param name="SensorsSkipped">Connected sensors in scope whose control stream was too far behind to take it.</param>
internal sealed record CommandResult(uint SensorsReached, uint SensorsSkipped);
