using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.RateLimiting;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Connections;

/// <summary>
/// Decides, when a connection arrives, whether the collector admits it: under <see cref="ConnectionOptions.MaxConnections"/>
/// in all and <see cref="ConnectionOptions.MaxConnectionsPerAddress"/> from its address, within the accept rate, and with
/// no memory, GC or CPU pressure (<see cref="ConnectionPressure"/>). A refused connection is remembered by its id until it closes, so that its calls are answered
/// with the refusal (<see cref="RefusedConnectionMiddleware"/>). Counts <c>ingest.connections.open</c> and
/// <c>ingest.connections.refused</c> (tagged with the reason); logs refusals at most once per
/// <see cref="RefusedCalls.WarningInterval"/>, with how many since.
/// </summary>
internal sealed class ConnectionAdmission : IDisposable
{
    private readonly ConnectionOptions _options;
    private readonly ConnectionPressure _pressure;
    private readonly TokenBucketRateLimiter? _accepts;
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly ConcurrentDictionary<string, ConnectionRefusal> _refused = new(StringComparer.Ordinal);
    private readonly Counter<long> _refusedCounter;
    private readonly Ingest.ServiceDefaults.Logging.LogThrottle _logThrottle;
    private readonly ILogger<ConnectionAdmission> _logger;
    private int _open;
    private long _refusedSinceLog;

    public ConnectionAdmission(IOptions<ConnectionOptions> options, SchedulingDelay schedulingDelay, IMeterFactory meterFactory, TimeProvider time, ILogger<ConnectionAdmission> logger)
        : this(options.Value, new ConnectionPressure(options.Value, time, schedulingDelay), meterFactory, time, logger)
    {
    }

    public ConnectionAdmission(ConnectionOptions options, ConnectionPressure pressure, IMeterFactory meterFactory, TimeProvider time, ILogger<ConnectionAdmission> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options;
        _pressure = pressure;
        _logger = logger;
        _logThrottle = new Ingest.ServiceDefaults.Logging.LogThrottle(time, RefusedCalls.WarningInterval);
        if (options.MaxAcceptsPerSecond > 0)
        {
            // A tenth of the rate every tenth of a second: a burst of at most one second's worth.
            _accepts = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.MaxAcceptsPerSecond,
                TokensPerPeriod = Math.Max(1, options.MaxAcceptsPerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        var meter = meterFactory.Create(IngestMetrics.MeterName);
        meter.CreateObservableUpDownCounter("ingest.connections.open", () => Volatile.Read(ref _open), "{connection}", "Connections admitted and open on the gRPC endpoint.");
        _refusedCounter = meter.CreateCounter<long>("ingest.connections.refused", "{connection}", "Connections refused on arrival (their calls answered Unavailable with a retry hint), tagged with the reason.");
    }

    /// <summary>Connections admitted and open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>
    /// Admits connection <paramref name="connectionId"/> from <paramref name="remote"/>, or refuses it; either way the
    /// caller must call <see cref="Release"/> with the same arguments when it closes.
    /// </summary>
    public ConnectionRefusal? Admit(string connectionId, IPAddress? remote)
    {
        var refusal = TryAdmit(remote);
        if (refusal is not null)
        {
            _refused[connectionId] = refusal;
            _refusedCounter.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason));
            var since = Interlocked.Increment(ref _refusedSinceLog);
            if (_logThrottle.TryEnter())
            {
                Interlocked.Add(ref _refusedSinceLog, -since);
                ConnectionLog.Refused(_logger, remote?.ToString() ?? "unknown", refusal.Reason, refusal.Message, since);
            }
        }

        return refusal;
    }

    /// <summary>The refusal of connection <paramref name="connectionId"/>; null when it was admitted or has no id (an in-process test server's).</summary>
    public ConnectionRefusal? RefusalOf(string? connectionId) =>
        _refused.IsEmpty || string.IsNullOrEmpty(connectionId) ? null : _refused.GetValueOrDefault(connectionId);

    /// <summary>Connection <paramref name="connectionId"/> closed.</summary>
    public void Release(string connectionId, IPAddress? remote)
    {
        if (_refused.TryRemove(connectionId, out _))
        {
            return;
        }

        Interlocked.Decrement(ref _open);
        if (_options.MaxConnectionsPerAddress > 0 && remote is not null)
        {
            Decrement(remote);
        }
    }

    public void Dispose() => _accepts?.Dispose();

    private ConnectionRefusal? TryAdmit(IPAddress? remote)
    {
        if (Interlocked.Increment(ref _open) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            return new ConnectionRefusal(
                ConnectionRefusal.Budget,
                $"the collector holds its most connections ({_options.MaxConnections:N0}, Collector:Connections:MaxConnections)",
                _options.RetryAfter);
        }

        if (_options.MaxConnectionsPerAddress > 0 && remote is not null
            && _perAddress.AddOrUpdate(remote, 1, (_, count) => count + 1) > _options.MaxConnectionsPerAddress)
        {
            Decrement(remote);
            Interlocked.Decrement(ref _open);
            return new ConnectionRefusal(
                ConnectionRefusal.PerAddress,
                $"the collector holds the most connections from {remote} ({_options.MaxConnectionsPerAddress:N0}, Collector:Connections:MaxConnectionsPerAddress)",
                _options.RetryAfter);
        }

        var refusal = _accepts is not null && !_accepts.AttemptAcquire().IsAcquired
            ? new ConnectionRefusal(
                ConnectionRefusal.AcceptRate,
                $"connections arrive faster than the collector admits them ({_options.MaxAcceptsPerSecond:N0} a second, Collector:Connections:MaxAcceptsPerSecond)",
                _options.RateRetryAfter)
            : _pressure.Check();
        if (refusal is not null)
        {
            Interlocked.Decrement(ref _open);
            if (_options.MaxConnectionsPerAddress > 0 && remote is not null)
            {
                Decrement(remote);
            }
        }

        return refusal;
    }

    private void Decrement(IPAddress remote)
    {
        // Removes the address at zero so that the map holds only addresses with open connections.
        if (_perAddress.AddOrUpdate(remote, 0, (_, count) => count - 1) <= 0)
        {
            _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(remote, 0));
        }
    }
}
