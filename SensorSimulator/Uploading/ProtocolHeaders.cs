namespace Ingest.SensorSimulator.Uploading;

/// <summary>Request headers and trailers of the Ingest wire protocol.</summary>
internal static class ProtocolHeaders
{
    /// <summary>The wire protocol this simulator speaks.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>The request header that carries <see cref="ProtocolVersion"/> on upload streams.</summary>
    public const string ProtocolVersionHeader = "ingest-protocol-version";

    /// <summary>The trailer of a refusal that says how long to wait before trying again, in milliseconds.</summary>
    public const string RetryAfterTrailer = "retry-after-ms";
}
