using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Settings;

/// <summary>
/// Which connections the collector admits: a budget in all and per remote address, an accept rate, and memory and GC
/// pressure as signals. A connection past a limit is still accepted, but its first call is answered Unavailable with
/// <c>retry-after-ms</c> and the connection is closed (GOAWAY), so that the sensor backs off instead of timing out.
/// Section <c>Collector:Connections</c>; read at start.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string SectionName = "Collector:Connections";

    /// <summary>
    /// Connections admitted at once on the gRPC endpoint; more are refused. Keep it under the process's open-file limit
    /// (<c>ulimit -n</c>, <c>LimitNOFILE=</c> in the unit) with room for the refused ones and storage. Default: 16,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 16_000;

    /// <summary>
    /// Connections admitted at once from one remote IP address; 0: no per-address limit. Default: 0 (off), because a
    /// fleet behind NAT or a gateway, and every benchmark and test on loopback, arrives from one address.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; }

    /// <summary>
    /// Connections past the budgets that may wait at once for their refusal to be answered; beyond them Kestrel closes a
    /// new connection without a word (its <c>MaxConcurrentConnections</c> is <see cref="MaxConnections"/> plus this).
    /// Default: 2,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RefusalHeadroom { get; set; } = 2_000;

    /// <summary>New connections admitted a second (a token bucket of that many, refilled ten times a second); 0: no limit. Default: 2,000.</summary>
    [Range(0, 1_000_000)]
    public int MaxAcceptsPerSecond { get; set; } = 2_000;

    /// <summary>
    /// Resident memory above which new connections are refused; 0: not a signal. Default: 0 (off): set it to about 80 %
    /// of the memory the collector is given (<c>MemoryMax=</c>), so that it refuses before it swaps or is killed.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxMemoryBytes { get; set; }

    /// <summary>
    /// Share of the last second the collector may have spent paused for garbage collection before new connections are
    /// refused; 1: not a signal. Default: 0.8 (on a machine shared with other busy processes pauses stretch: 53 % was measured at 1,000 sensors with the load average near 50).
    /// </summary>
    [Range(0.01, 1.0)]
    public double MaxGcPauseShare { get; set; } = 0.8;

    // At 250 ms a burst of 1,000 connections a second into 10,000 already connected refused 3,182 that the collector then
    // served: the mean reached 555 ms while they connected, and fell to tens of milliseconds once they had.

    /// <summary>
    /// How late, on average over the last second, the collector's queued work may run before new connections are refused
    /// (<c>ingest.runtime.scheduling_delay</c>); 0: not a signal. Default: 1 s. A collector whose cores are taken reads
    /// heartbeats and acknowledges batches that late too: admitting more would starve the sensors it serves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxSchedulingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The retry hint of a refusal for the budget, memory, GC pressure or scheduling delay; sensors add jitter. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The retry hint of a refusal for the accept rate; sensors add jitter. Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RateRetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
