using Grpc.Core;

namespace Ingest.LoadBenchmark.Load;

/// <summary>The waits a simulated sensor of the scale and fleet runs shares: a pause that ends quietly on stop, and a side task awaited quietly.</summary>
internal static class SensorTasks
{
    /// <summary>Waits <paramref name="delay"/>; stopping ends the wait without an exception (the caller's loop then ends).</summary>
    public static async Task PauseAsync(TimeSpan delay, TimeProvider time, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    /// <summary>Awaits a stream's side task (a writer, heartbeats) whose end, however it came, the stream's reader counts.</summary>
    public static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException or HttpRequestException)
        {
            // The stream is over; how it ended is counted by the reader.
        }
    }
}
