using Grpc.Core;
using Ingest.Collector.Errors;
using Ingest.Protocol;

namespace Ingest.Collector.Calls;

/// <summary>The wire protocol versions this collector speaks.</summary>
internal static class ProtocolVersion
{
    public const uint Current = WireProtocol.Version;

    /// <summary>The request header that carries the protocol version on streaming calls.</summary>
    public const string Header = WireProtocol.VersionHeader;

    public static void EnsureSupported(uint version)
    {
        if (version != Current)
        {
            throw RpcErrors.FailedPrecondition(
                $"protocol version {version} is not spoken by this collector, which speaks version {Current}; upgrade the sensor software or the collector");
        }
    }

    /// <summary>Checks the optional protocol header of a streaming call; absent means the current version.</summary>
    public static void EnsureSupported(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var value = headers.GetValue(Header);
        if (value is null)
        {
            return;
        }

        if (!uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw RpcErrors.FailedPrecondition($"the {Header} header is '{value}', not a version number; send {Current}");
        }

        EnsureSupported(version);
    }
}
