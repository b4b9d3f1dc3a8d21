using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>Asks a pipeline's collector for its <c>grpc.health.v1</c> status, as a generic probe would (health is open without a key by default).</summary>
internal static class CollectorHealth
{
    /// <summary>The overall status (service ""); <see cref="HealthCheckResponse.Types.ServingStatus.Unknown"/> when the call itself fails.</summary>
    public static async Task<HealthCheckResponse.Types.ServingStatus> CheckAsync(Pipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using var channel = GrpcChannel.ForAddress(pipeline.CollectorUrl);
        try
        {
            var response = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            return response.Status;
        }
        catch (RpcException)
        {
            return HealthCheckResponse.Types.ServingStatus.Unknown;
        }
    }
}
