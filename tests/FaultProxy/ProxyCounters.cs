namespace Ingest.FaultProxy;

/// <summary>What the proxy did so far; every counter is safe to read while the proxy runs.</summary>
public sealed class ProxyCounters
{
    private long _accepted;
    private long _refused;
    private long _open;
    private long _upstreamBytes;
    private long _downstreamBytes;
    private long _resets;
    private long _cuts;
    private long _acceptFailures;

    /// <summary>Connections accepted from clients (including those reset or refused at once).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections refused (reset as soon as accepted) while new connections were refused.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Connections forwarding now.</summary>
    public long ConnectionsOpen => Interlocked.Read(ref _open);

    /// <summary>Bytes forwarded from clients to the target.</summary>
    public long UpstreamBytes => Interlocked.Read(ref _upstreamBytes);

    /// <summary>Bytes forwarded from the target to clients.</summary>
    public long DownstreamBytes => Interlocked.Read(ref _downstreamBytes);

    /// <summary>Connections reset (RST) by a reset fault, including new ones reset at once.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Connections closed by a cut-after-N-bytes fault.</summary>
    public long Cuts => Interlocked.Read(ref _cuts);

    /// <summary>Accepts that failed with a socket error while the proxy ran; it went on accepting after each.</summary>
    public long AcceptFailures => Interlocked.Read(ref _acceptFailures);

    /// <inheritdoc/>
    public override string ToString() =>
        $"accepted={ConnectionsAccepted} refused={ConnectionsRefused} open={ConnectionsOpen} up={UpstreamBytes}B down={DownstreamBytes}B resets={Resets} cuts={Cuts} accept failures={AcceptFailures}";

    internal void AddAccepted() => Interlocked.Increment(ref _accepted);

    internal void AddRefused() => Interlocked.Increment(ref _refused);

    internal void AddOpen() => Interlocked.Increment(ref _open);

    internal void RemoveOpen() => Interlocked.Decrement(ref _open);

    internal void AddBytes(FlowDirection direction, long bytes) =>
        Interlocked.Add(ref direction == FlowDirection.Upstream ? ref _upstreamBytes : ref _downstreamBytes, bytes);

    internal void AddReset() => Interlocked.Increment(ref _resets);

    internal void AddCut() => Interlocked.Increment(ref _cuts);

    internal void AddAcceptFailure() => Interlocked.Increment(ref _acceptFailures);
}
