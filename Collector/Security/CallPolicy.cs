namespace Ingest.Collector.Security;

/// <summary>What a method asks of its caller.</summary>
internal enum CallPolicy
{
    /// <summary>A sensor key (bound to the sensor ids it sends as).</summary>
    Sensor,

    /// <summary>
    /// Any key: the greeting is every client's health handshake. A sensor key is held to its sensor ids; a viewer
    /// or admin key (a dashboard) is answered without registering anything.
    /// </summary>
    Greeting,

    /// <summary>A viewer or admin key.</summary>
    Viewer,

    /// <summary>An admin key.</summary>
    Admin,

    /// <summary>Health checks: open or any key, by <see cref="SecurityOptions.Health"/>.</summary>
    Health,

    /// <summary>Server reflection: open or any key, by <see cref="SecurityOptions.Reflection"/>.</summary>
    Reflection,
}
