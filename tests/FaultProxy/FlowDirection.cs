namespace Ingest.FaultProxy;

/// <summary>Which way bytes flow through a proxied connection.</summary>
public enum FlowDirection
{
    /// <summary>From the client that connected to the proxy towards the target.</summary>
    Upstream,

    /// <summary>From the target back to the client.</summary>
    Downstream,
}
