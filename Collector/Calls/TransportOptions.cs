using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Calls;

/// <summary>
/// Budgets of the HTTP/2 transport under the gRPC calls: streams per connection, how slowly a request body may arrive,
/// how long a request's headers may take, and what a call answered before its body ended may still cost. Section
/// <c>Collector:Transport</c>; read at start.
/// </summary>
internal sealed class TransportOptions
{
    public const string SectionName = "Collector:Transport";

    /// <summary>
    /// Concurrent streams one HTTP/2 connection may open (Kestrel's <c>Http2.MaxStreamsPerConnection</c>); a stream
    /// over it is refused (REFUSED_STREAM, which clients retry). Default: 1,000.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>
    /// The slowest a request body may arrive while the collector waits for it, once <see cref="MinRequestBodyDataRateGracePeriod"/>
    /// has passed: on a unary call's message (Kestrel's <c>MinRequestBodyDataRate</c>, which aborts the connection) and on
    /// a message of a streaming call that has begun to arrive (which resets that stream alone). A stream that waits between
    /// messages is not held to it. 0 turns it off. Default: 240 bytes a second.
    /// </summary>
    [Range(0, 1_000_000)]
    public double MinRequestBodyDataRateBytesPerSecond { get; set; } = 240;

    /// <summary>How long a request body may arrive slower than <see cref="MinRequestBodyDataRateBytesPerSecond"/> before it is cut. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a request's headers may take to arrive once they have begun (Kestrel's <c>RequestHeadersTimeout</c>); the
    /// connection is closed past it. Bounds a header block kept open with empty CONTINUATION frames. Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a call answered before its request body ended (a refusal, a failed upload) waits for its client to end or
    /// reset the stream, discarding what still arrives, before Kestrel resets it. A client that reacts to the answer
    /// frees its stream at once instead of leaving it to Kestrel's 5 s drain, where many of them would fault the whole
    /// connection (ENHANCE_YOUR_CALM). Default: 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan UnfinishedBodyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most bytes discarded of such a body while waiting (<see cref="UnfinishedBodyWait"/>). Default: 64 KiB.</summary>
    [Range(0, 4 * 1024 * 1024)]
    public int UnfinishedBodyMaxBytes { get; set; } = 64 * 1024;
}
