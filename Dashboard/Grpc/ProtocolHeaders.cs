using System.Globalization;
using Grpc.Core;

namespace Ingest.Dashboard.Grpc;

/// <summary>Request headers of the Ingest wire protocol.</summary>
internal static class ProtocolHeaders
{
    /// <summary>The wire protocol this dashboard speaks.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>The request header that carries <see cref="ProtocolVersion"/>.</summary>
    public const string ProtocolVersionHeader = "ingest-protocol-version";

    public static Metadata Create() =>
        new() { { ProtocolVersionHeader, ProtocolVersion.ToString(CultureInfo.InvariantCulture) } };
}
