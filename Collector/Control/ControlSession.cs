using System.Threading.Channels;
using Grpc.Core;

namespace Ingest.Collector.Control;

/// <summary>
/// The state of one control stream that others touch: the "configuration changed" flag (latest wins, the
/// writer reads the newest desired configuration when it sends), the bounded queue of commands, and the
/// signal that a newer stream replaced this one. Only the stream's writer loop takes from it.
/// </summary>
internal sealed class ControlSession : IDisposable
{
    /// <summary>Versions sent and not acknowledged yet that a session remembers, at most.</summary>
    private const int MaxUnacknowledged = 16;

    private readonly Channel<ControlCommand> _commands;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _replaced = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (string Hash, long SentAt)> _unacknowledged = [];
    private int _configChanged;
    private bool _disposed;

    public ControlSession(string sensorId, string kind, string peer, int commandCapacity)
    {
        (SensorId, Kind, Peer) = (sensorId, kind, peer);
        _commands = Channel.CreateBounded<ControlCommand>(new BoundedChannelOptions(commandCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public string SensorId { get; }

    public string Kind { get; }

    public string Peer { get; }

    /// <summary>Fires when a newer stream of the same sensor replaced this one.</summary>
    public CancellationToken Replaced => _replaced.Token;

    /// <summary>The status this stream ends with once replaced.</summary>
    public RpcException? EndStatus { get; private set; }

    /// <summary>Ends this stream with ABORTED: a newer one of the same sensor took over.</summary>
    public void Replace()
    {
        lock (_gate)
        {
            // The stream may have ended on its own meanwhile: then there is nothing left to end.
            if (_disposed)
            {
                return;
            }

            EndStatus = new RpcException(new Status(StatusCode.Aborted, $"replaced by a newer control stream for {SensorId}"));
            _replaced.Cancel();
        }
    }

    /// <summary>The desired configuration changed: the writer sends the newest one.</summary>
    public void ConfigChanged()
    {
        Volatile.Write(ref _configChanged, 1);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Queues a command; false, and nothing queued, when the stream is too far behind.</summary>
    public bool TryQueue(ControlCommand command)
    {
        if (!_commands.Writer.TryWrite(command))
        {
            return false;
        }

        _wake.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Takes the "configuration changed" flag.</summary>
    public bool TakeConfigChanged() => Interlocked.Exchange(ref _configChanged, 0) == 1;

    public bool TryTakeCommand(out ControlCommand command) => _commands.Reader.TryRead(out command);

    /// <summary>
    /// Waits until there is something to write or <paramref name="timeout"/> passes. The timeout wakes the stream as a
    /// change would, through a timer: every open control stream waits here once per heartbeat, and a wait that ends
    /// without cancelling anything costs no exception. A timer that fires as the wait ends for another reason leaves a
    /// wake behind, which costs the writer one look that finds nothing to do.
    /// </summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using (timeProvider.CreateTimer(static session => ((ControlSession)session!)._wake.Writer.TryWrite(true), this, timeout, Timeout.InfiniteTimeSpan))
        {
            await _wake.Reader.WaitToReadAsync(cancellationToken);
        }

        _wake.Reader.TryRead(out _);
    }

    /// <summary>Remembers that <paramref name="version"/> was sent with <paramref name="hash"/> at <paramref name="sentAt"/> (a timestamp).</summary>
    public void Sent(long version, string hash, long sentAt)
    {
        lock (_gate)
        {
            if (_unacknowledged.Count >= MaxUnacknowledged)
            {
                _unacknowledged.Remove(_unacknowledged.Keys.Min());
            }

            _unacknowledged[version] = (hash, sentAt);
        }
    }

    /// <summary>The hash and send time of <paramref name="version"/> as this stream sent it, forgetting it; null when it did not.</summary>
    public (string Hash, long SentAt)? TakeSent(long version)
    {
        lock (_gate)
        {
            return _unacknowledged.Remove(version, out var sent) ? sent : null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _replaced.Dispose();
        }
    }
}
