using Grpc.Net.Client;

namespace Ingest.Dashboard.Grpc;

/// <summary>One channel per collector, reused by every client of it, in the order the collectors are configured.</summary>
internal sealed class CollectorChannels : IDisposable
{
    public CollectorChannels(IReadOnlyList<(string Address, GrpcChannel Channel)> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfZero(channels.Count);
        All = channels;
    }

    public IReadOnlyList<(string Address, GrpcChannel Channel)> All { get; }

    public void Dispose()
    {
        foreach (var (_, channel) in All)
        {
            channel.Dispose();
        }
    }
}
