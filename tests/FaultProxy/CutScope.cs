namespace Ingest.FaultProxy;

/// <summary>Which bytes count towards a cut-after-N-bytes fault.</summary>
public enum CutScope
{
    /// <summary>Bytes from the client to the target.</summary>
    Upstream,

    /// <summary>Bytes from the target to the client.</summary>
    Downstream,

    /// <summary>Bytes in both directions together.</summary>
    Total,
}
