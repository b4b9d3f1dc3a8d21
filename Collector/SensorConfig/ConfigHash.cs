using System.Security.Cryptography;
using Google.Protobuf;

namespace Ingest.Collector.SensorConfig;

/// <summary>
/// Identifies a configuration's content: lowercase hex of the first 8 bytes of SHA-256 over the
/// deterministic protobuf encoding of its wire form (fields in number order, defaults left out).
/// </summary>
internal static class ConfigHash
{
    public static string Of(SensorConfigValues config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(config.ToWire().ToByteArray(), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
