namespace Ingest.Collector.Security;

/// <summary>What a key may do: send as its sensors, watch, or also change configuration.</summary>
internal enum CallerRole
{
    /// <summary>Greet, Upload, Write, Connect and Discard, as the sensor ids the key is bound to.</summary>
    Sensor,

    /// <summary>Subscribe to aggregates and query stored readings.</summary>
    Viewer,

    /// <summary>Everything a viewer may do, plus the admin calls.</summary>
    Admin,
}
