using System.Globalization;
using Grpc.Core;

namespace Ingest.Protocol;

/// <summary>The parts of the Ingest wire protocol that live outside the messages: version and retry hint.</summary>
public static class WireProtocol
{
    /// <summary>The protocol version every Ingest program speaks.</summary>
    public const uint Version = 1;

    /// <summary>The request header that carries <see cref="Version"/> on streaming calls.</summary>
    public const string VersionHeader = "ingest-protocol-version";

    /// <summary>The trailer of a refusal that says how long to wait before trying again, in milliseconds.</summary>
    public const string RetryAfterTrailer = "retry-after-ms";

    /// <summary>The longest retry hint a client honours, so that a bad hint cannot stall it for good.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>The headers a client sends on streaming calls.</summary>
    public static Metadata Headers() => new() { { VersionHeader, Version.ToString(CultureInfo.InvariantCulture) } };

    /// <summary>The value of the <see cref="RetryAfterTrailer"/> for <paramref name="retryAfter"/>, whole milliseconds rounded up.</summary>
    public static string FormatRetryAfter(TimeSpan retryAfter) =>
        ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The collector's retry hint on <paramref name="exception"/>, capped at <see cref="MaxRetryAfter"/>; null when absent.</summary>
    public static TimeSpan? RetryAfter(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!long.TryParse(exception.Trailers.GetValue(RetryAfterTrailer), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return null;
        }

        var hint = TimeSpan.FromMilliseconds(milliseconds);
        return hint > MaxRetryAfter ? MaxRetryAfter : hint;
    }
}
