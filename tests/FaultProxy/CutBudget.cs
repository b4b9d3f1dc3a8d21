namespace Ingest.FaultProxy;

/// <summary>
/// How many more bytes one connection may forward before a cut closes it, per direction or in total;
/// thread-safe, shared by the connection's two pumps.
/// </summary>
internal sealed class CutBudget
{
    private readonly Lock _gate = new();
    private CutScope _scope;
    private long _remaining = long.MaxValue;

    /// <summary>From now on, the connection is cut once <paramref name="bytes"/> more went through in <paramref name="scope"/>.</summary>
    public void Set(long bytes, CutScope scope)
    {
        lock (_gate)
        {
            _scope = scope;
            _remaining = bytes;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _remaining = long.MaxValue;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="wanted"/> bytes in <paramref name="direction"/>: how many may be forwarded, and
    /// whether the connection must be cut once they are.
    /// </summary>
    public (int Allowed, bool CutAfter) Take(FlowDirection direction, int wanted)
    {
        lock (_gate)
        {
            if (_remaining == long.MaxValue || !Counts(direction))
            {
                return (wanted, false);
            }

            var allowed = (int)Math.Min(wanted, _remaining);
            _remaining -= allowed;
            return (allowed, _remaining == 0);
        }
    }

    private bool Counts(FlowDirection direction) => _scope switch
    {
        CutScope.Total => true,
        CutScope.Upstream => direction == FlowDirection.Upstream,
        _ => direction == FlowDirection.Downstream,
    };
}
