namespace Ingest.SensorSimulator.Faults;

/// <summary>How an attempt's failure is handled.</summary>
internal enum FaultKind
{
    /// <summary>Not a failure to retry: our own cancellation (we are stopping).</summary>
    None,

    /// <summary>The collector or the network is down, busy or slow: retry with exponential backoff.</summary>
    Transient,

    /// <summary>
    /// The collector refused the key (<c>Unauthenticated</c>, <c>PermissionDenied</c>): not retried; the sensor stops
    /// uploading and says why, since no retry fixes a key.
    /// </summary>
    KeyRefused,

    /// <summary>
    /// The collector refused us for a reason a retry alone does not fix (bad argument, protocol,
    /// refused greeting, or a fault we did not expect): log an error and retry slowly.
    /// </summary>
    Misconfiguration,
}
