namespace Ingest.SensorSimulator.Resilience;

/// <summary>How an attempt's failure is handled.</summary>
internal enum FaultKind
{
    /// <summary>Not a failure to retry: our own cancellation (we are stopping).</summary>
    None,

    /// <summary>The collector or the network is down, busy or slow: retry with exponential backoff.</summary>
    Transient,

    /// <summary>
    /// The collector refused us for a reason a retry alone does not fix (bad argument, protocol, key,
    /// refused greeting, or a fault we did not expect): log an error and retry slowly.
    /// </summary>
    Misconfiguration,
}
