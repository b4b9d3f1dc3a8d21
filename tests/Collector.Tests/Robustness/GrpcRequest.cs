using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>A gRPC call written by hand as an HTTP/2 request, for bodies no gRPC client would send.</summary>
internal static class GrpcRequest
{
    /// <summary>A gRPC frame: the compressed flag, the length it claims, and the bytes that follow.</summary>
    public static byte[] Frame(byte[] payload, bool compressed = false, int? claimedLength = null)
    {
        var length = claimedLength ?? payload.Length;
        return [(byte)(compressed ? 1 : 0), (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. payload];
    }

    public static HttpRequestMessage Create(string path, HttpContent body)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Version = HttpVersion.Version20, Content = body };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation(WireProtocol.VersionHeader, WireProtocol.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/> and returns the gRPC status the collector answers with.</summary>
    public static async Task<(StatusCode Code, string Message)> SendAsync(CollectorFactory collector, string path, byte[] body)
    {
        using var client = new HttpClient(new KeyHandler(collector.Server.CreateHandler())) { BaseAddress = collector.Server.BaseAddress, Timeout = Eventually.DefaultTimeout };
        using var request = Create(path, new ByteArrayContent(body));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = Header(response, "grpc-status");
        Assert.NotNull(status);
        return ((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), Uri.UnescapeDataString(Header(response, "grpc-message") ?? ""));
    }

    // A call that fails before its first message answers trailers only, in the headers.
    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailing) ? trailing.First()
        : response.Headers.TryGetValues(name, out var values) ? values.First() : null;
}
