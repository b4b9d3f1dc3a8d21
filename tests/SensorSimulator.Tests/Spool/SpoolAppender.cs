namespace Ingest.SensorSimulator.Tests.Spool;

/// <summary>
/// The child process of <see cref="SpoolKillTests"/>: sensors append to the spool concurrently, each
/// numbering after what the spool recovered, and print <c>SENSOR SEQUENCE</c> once a batch is durable,
/// until the process is killed.
/// </summary>
internal static class SpoolAppender
{
    public static async Task RunAsync(string path, int sensors)
    {
        await using var spool = await TestSpools.OpenAsync(path);
        var output = Console.Out;
        await Task.WhenAll(Enumerable.Range(1, sensors).Select(i => Task.Run(async () =>
        {
            var sensor = $"kill-{i}";
            for (var sequence = spool.HighestSequence(sensor) + 1; ; sequence++)
            {
                await spool.AppendAsync(sensor, SpoolTestBatches.Create(sensor, sequence), CancellationToken.None);
                await output.WriteLineAsync($"{sensor} {sequence}");
                await output.FlushAsync(CancellationToken.None);
            }
        })));
    }
}
