using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Ingest.Collector.Calls;

/// <summary>
/// A gRPC call answered with its status alone, in the response headers and without a body (gRPC's "trailers-only"
/// response), as grpc-dotnet answers a call that fails before its first message.
/// </summary>
internal static class TrailersOnly
{
    public static void Write(HttpResponse response, Status status)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Detail);
    }

    /// <summary>The grpc-message encoding: printable ASCII as it is, '%' and every other byte of the UTF-8 text as %XX.</summary>
    public static string PercentEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
