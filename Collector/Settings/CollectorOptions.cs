using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Settings;

/// <summary>Where the collector listens and how it stops. Section <c>Collector</c>.</summary>
internal sealed class CollectorOptions
{
    public const string SectionName = "Collector";

    /// <summary>The address to listen on. Default: 127.0.0.1.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port. Default: 5000.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 5000;

    /// <summary>How long a stop may take to drain in-flight work. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a status line is logged. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>TLS; cleartext HTTP/2 while no certificate is set.</summary>
    public TlsOptions Tls { get; set; } = new();
}
