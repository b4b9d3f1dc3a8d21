namespace Ingest.Dashboard.Admin;

/// <summary>What setting or removing an override did.</summary>
/// <param name="SensorsAffected">Known sensors whose desired configuration changed.</param>
/// <param name="Version">The desired version those sensors now have; 0 when none changed.</param>
internal sealed record OverrideResult(uint SensorsAffected, ulong Version);
