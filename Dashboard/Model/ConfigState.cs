namespace Ingest.Dashboard.Model;

/// <summary>How a sensor's reported configuration compares with its desired one, as the collector judges it.</summary>
internal enum ConfigState
{
    /// <summary>The collector did not say.</summary>
    Unknown,

    /// <summary>The sensor runs the desired version.</summary>
    InSync,

    /// <summary>The desired version has not been acknowledged yet (sent, or waiting for the sensor to connect).</summary>
    Pending,

    /// <summary>The sensor rejected the desired version and keeps running its last good one.</summary>
    Rejected,
}
