namespace Ingest.FaultProxy;

/// <summary>
/// Paces one direction of the proxy (all its connections together) to a number of bytes per second: each chunk
/// reserves the next slot of the link and waits until that slot has passed, so N bytes never take less than N / cap.
/// </summary>
internal sealed class BandwidthPacer(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _bytesPerSecond;
    private DateTimeOffset _linkFreeAt = DateTimeOffset.MinValue;

    /// <summary>The cap in bytes per second; 0 when there is none.</summary>
    public long BytesPerSecond
    {
        get => Interlocked.Read(ref _bytesPerSecond);
        set => Interlocked.Exchange(ref _bytesPerSecond, value);
    }

    /// <summary>How many bytes one chunk may have so that the pacing stays smooth (a tenth of a second's worth).</summary>
    public int ChunkLimit(int bufferBytes)
    {
        var cap = BytesPerSecond;
        return cap <= 0 ? bufferBytes : (int)Math.Clamp(cap / 10, 1, bufferBytes);
    }

    /// <summary>Waits until <paramref name="bytes"/> have had the time the cap gives them.</summary>
    public async Task PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var cap = BytesPerSecond;
        if (cap <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        TimeSpan wait;
        lock (_gate)
        {
            var start = _linkFreeAt > now ? _linkFreeAt : now;
            _linkFreeAt = start + TimeSpan.FromSeconds((double)bytes / cap);
            wait = _linkFreeAt - now;
        }

        await Task.Delay(wait, time, cancellationToken);
    }
}
