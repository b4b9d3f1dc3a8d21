namespace Ingest.Collector.Security;

/// <summary>Who may call the collector. Section <c>Collector:Security</c>.</summary>
internal sealed class SecurityOptions
{
    public const string SectionName = "Collector:Security";

    /// <summary>The keys callers present, by name. At least one is required; no default.</summary>
    public Dictionary<string, KeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether <c>grpc.health.v1.Health</c> answers without a key. Default: Open.</summary>
    public AccessMode Health { get; set; } = AccessMode.Open;

    /// <summary>Whether server reflection answers without a key. Default: Key.</summary>
    public AccessMode Reflection { get; set; } = AccessMode.Key;

    /// <summary>
    /// Whether the Prometheus scrape endpoint (<c>Collector:Metrics</c>) answers without a key; with Key it wants a viewer or
    /// admin key as <c>Authorization: Bearer</c>. Default: Open.
    /// </summary>
    public AccessMode Metrics { get; set; } = AccessMode.Open;
}
