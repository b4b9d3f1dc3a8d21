using System.Net.Sockets;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>
/// Checks the key of every gRPC call at its request headers, before grpc-dotnet reads or parses a byte of its body
/// (<see cref="KeyCheck"/>): a call without a known key, or with a key of the wrong role, is answered at once with its
/// status alone (trailers-only) and never costs the collector more than the headers. An admitted call goes on with its
/// caller left on the request for <see cref="KeyInterceptor"/>, and ends through <see cref="UnfinishedBody"/>, so
/// that a call answered before its body ended never leaves its stream to Kestrel's drain.
/// </summary>
internal sealed class KeyGate(RequestDelegate next, KeyCheck check, UnfinishedBody unfinished, IOptions<TransportOptions> transport, TimeProvider time, CutStreams cut)
{
    private static readonly object CallerKey = new();
    private static readonly object OpenCall = new();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc)
        {
            await next(context);
            return;
        }

        var method = grpc.Method.FullName;
        if (check.Refusal(method, context.Request.Headers.Authorization, Peer(context), out var caller) is { } refusal)
        {
            TrailersOnly.Write(context.Response, refusal);
            await unfinished.EndAsync(context);
            return;
        }

        context.Items[CallerKey] = caller ?? OpenCall;
        if (grpc.Method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming)
        {
            MessageRate.Watch(context, transport.Value, time, cut);
        }

        await next(context);
        await unfinished.EndAsync(context);
    }

    /// <summary>
    /// Whether the gate admitted this call; <paramref name="caller"/> is then its caller, or null on an open method. False
    /// for a call that did not pass the gate, which the interceptor then checks itself.
    /// </summary>
    public static bool Admitted(HttpContext? context, out Caller? caller)
    {
        caller = null;
        if (context?.Items.TryGetValue(CallerKey, out var admitted) != true)
        {
            return false;
        }

        caller = admitted as Caller;
        return true;
    }

    /// <summary>The peer as grpc-dotnet names it in <c>ServerCallContext.Peer</c>, e.g. <c>ipv4:127.0.0.1:50000</c>.</summary>
    private static string Peer(HttpContext context)
    {
        var connection = context.Connection;
        return connection.RemoteIpAddress switch
        {
            null => "unknown",
            { AddressFamily: AddressFamily.InterNetwork } ip => $"ipv4:{ip}:{connection.RemotePort}",
            { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
            var ip => $"unknown:{ip}:{connection.RemotePort}",
        };
    }
}
