namespace Ingest.Collector.Security;

/// <summary>One key a caller may present. Section <c>Collector:Security:Keys:&lt;name&gt;</c>; the name is what logs show.</summary>
internal sealed class KeyOptions
{
    /// <summary>The secret the caller sends as <c>authorization: Bearer &lt;key&gt;</c>. Required; no default.</summary>
    public string Key { get; set; } = "";

    /// <summary>Sensor, Viewer or Admin (see <see cref="CallerRole"/>). Required; no default.</summary>
    public string Role { get; set; } = "";

    /// <summary>
    /// For a Sensor key, the sensor ids it may send as: an exact id, a prefix ending in <c>*</c>, or <c>*</c>
    /// for any. Required (at least one) for Sensor keys. Default: none.
    /// </summary>
    public List<string> Sensors { get; set; } = [];
}
