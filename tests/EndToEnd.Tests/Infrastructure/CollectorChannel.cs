using Grpc.Core;
using Grpc.Net.Client;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>A gRPC channel from the test itself to a pipeline's collector, and the demo keys its calls present.</summary>
internal static class CollectorChannel
{
    /// <summary>
    /// A channel that opens more HTTP/2 connections rather than queueing calls past a connection's stream
    /// limit, with the smallest receive window, so that a stream nobody reads stalls the collector's writes soon.
    /// </summary>
    public static GrpcChannel Open(Pipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return GrpcChannel.ForAddress(pipeline.CollectorUrl, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                InitialHttp2StreamWindowSize = 65_535,
            },
            DisposeHttpClient = true,
        });
    }

    /// <summary>The headers of a dashboard's calls: <c>authorization: Bearer demo-viewer-key</c>.</summary>
    public static Metadata ViewerHeaders() => new() { { "authorization", "Bearer demo-viewer-key" } };
}
