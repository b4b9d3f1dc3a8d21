using Grpc.Core;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Reads a Subscribe stream with a deadline on every read.</summary>
internal static class UpdateStream
{
    public static async Task<Wire.AggregateUpdate> NextAsync(this IAsyncStreamReader<Wire.AggregateUpdate> stream)
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        Assert.True(await stream.MoveNext(deadline.Token), "The stream ended.");
        return stream.Current;
    }

    /// <summary>Reads until an update matches <paramref name="predicate"/> and returns it.</summary>
    public static async Task<Wire.AggregateUpdate> NextMatchingAsync(this IAsyncStreamReader<Wire.AggregateUpdate> stream, Func<Wire.AggregateUpdate, bool> predicate)
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        while (true)
        {
            Assert.True(await stream.MoveNext(deadline.Token), "The stream ended.");
            if (predicate(stream.Current))
            {
                return stream.Current;
            }
        }
    }

    /// <summary>Reads the snapshot: the statistics, the windows, and the count SnapshotComplete gives.</summary>
    public static async Task<(Wire.CollectorStatistics Statistics, List<Wire.SensorWindow> Windows, uint Count)> SnapshotAsync(
        this IAsyncStreamReader<Wire.AggregateUpdate> stream)
    {
        var first = await stream.NextAsync();
        Assert.Equal(Wire.AggregateUpdate.KindOneofCase.Statistics, first.KindCase);
        var windows = new List<Wire.SensorWindow>();
        while (true)
        {
            var update = await stream.NextAsync();
            if (update.KindCase == Wire.AggregateUpdate.KindOneofCase.SnapshotComplete)
            {
                return (first.Statistics, windows, update.SnapshotComplete.SensorCount);
            }

            Assert.Equal(Wire.AggregateUpdate.KindOneofCase.Window, update.KindCase);
            windows.Add(update.Window);
        }
    }
}
