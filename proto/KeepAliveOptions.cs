using System.ComponentModel.DataAnnotations;

namespace Ingest.Protocol;

/// <summary>
/// HTTP/2 keep-alive pings on a program's channel to the collector, section <c>&lt;Program&gt;:KeepAlive</c>
/// (e.g. <c>Simulator:KeepAlive</c>). When nothing arrives on a connection for <see cref="PingDelay"/> a ping is
/// sent; when it is not answered within <see cref="PingTimeout"/> the connection is dropped and its calls fail, so
/// a stalled link is noticed after at most <c>PingDelay + PingTimeout</c>.
/// </summary>
public sealed class KeepAliveOptions
{
    /// <summary>How long a connection may stay quiet before a ping is sent. Default: 20 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PingDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a ping may go unanswered before the connection is dropped. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
