namespace Ingest.FaultProxy;

/// <summary>The faults switched on now; read by every connection for every chunk, changed at any time from any thread.</summary>
internal sealed class ProxyFaults(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _latencyTicks;
    private int _refuseNew;
    private int _resetNew;
    private (long Bytes, CutScope Scope)? _cut;

    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    public BandwidthPacer UpstreamPacer { get; } = new(time);

    public BandwidthPacer DownstreamPacer { get; } = new(time);

    public StallGate Stall { get; } = new();

    public bool RefuseNew
    {
        get => Volatile.Read(ref _refuseNew) != 0;
        set => Volatile.Write(ref _refuseNew, value ? 1 : 0);
    }

    public bool ResetNew
    {
        get => Volatile.Read(ref _resetNew) != 0;
        set => Volatile.Write(ref _resetNew, value ? 1 : 0);
    }

    /// <summary>The cut every new connection gets; null when none.</summary>
    public (long Bytes, CutScope Scope)? Cut
    {
        get
        {
            lock (_gate)
            {
                return _cut;
            }
        }

        set
        {
            lock (_gate)
            {
                _cut = value;
            }
        }
    }

    public BandwidthPacer Pacer(FlowDirection direction) =>
        direction == FlowDirection.Upstream ? UpstreamPacer : DownstreamPacer;
}
