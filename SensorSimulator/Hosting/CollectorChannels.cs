using Grpc.Net.Client;

namespace Ingest.SensorSimulator.Hosting;

/// <summary>One channel per collector address, in the order of <c>Simulator:CollectorAddresses</c>, shared by every sensor on it.</summary>
internal sealed class CollectorChannels(IReadOnlyList<GrpcChannel> channels) : IDisposable
{
    public IReadOnlyList<GrpcChannel> Channels { get; } = channels;

    public void Dispose()
    {
        foreach (var channel in Channels)
        {
            channel.Dispose();
        }
    }
}
