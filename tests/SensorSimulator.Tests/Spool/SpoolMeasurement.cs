using System.Globalization;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Spool;

namespace Ingest.SensorSimulator.Tests.Spool;

/// <summary>
/// A measurement run by hand, not a test: how many 100-reading batches a spool makes durable per second,
/// and with how many fsyncs, when 1, 100 and 1,000 sensors append at once (each settling its batch right
/// away, as if acknowledged at once, so that the spool never fills). Run after a Release build:
/// <c>dotnet exec tests/SensorSimulator.Tests/bin/Release/net10.0/Ingest.SensorSimulator.Tests.dll spool-measure /tmp/spool-measure 5</c>
/// </summary>
internal static class SpoolMeasurement
{
    public static async Task RunAsync(string path, TimeSpan duration)
    {
        Console.WriteLine($"spool in {path}, {duration.TotalSeconds:F0} s per run, 100-reading batches, {Environment.ProcessorCount} cores");
        Console.WriteLine("sensors  appends/s  fsyncs/s  batches/fsync  mean fsync ms  MB/s");
        foreach (var sensors in (int[])[1, 100, 1000])
        {
            var directory = Path.Combine(path, sensors.ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            await using var spool = await TestSpools.OpenAsync(directory);
            var readings = SpoolTestBatches.Create("template", 1).Readings;
            var recordBytes = RecordBytes(new SealedBatch(1, readings));
            using var stop = new CancellationTokenSource(duration);
            var started = TimeProvider.System.GetTimestamp();
            var (appends, fsyncs, fsyncTime, bytes) = (spool.Appends, spool.Fsyncs, spool.FsyncTime, spool.DiskBytes);
            await Task.WhenAll(Enumerable.Range(1, sensors).Select(i => Task.Run(async () =>
            {
                var sensor = $"sim-measure-{i:D4}";
                try
                {
                    for (ulong sequence = 1; !stop.IsCancellationRequested; sequence++)
                    {
                        await spool.AppendAsync(sensor, new SealedBatch(sequence, readings), stop.Token);
                        spool.MarkSettled(sensor, sequence);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            })));
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            appends = spool.Appends - appends;
            fsyncs = spool.Fsyncs - fsyncs;
            var fsyncMs = (spool.FsyncTime - fsyncTime).TotalMilliseconds / Math.Max(1, fsyncs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sensors,7}  {appends / seconds,9:F0}  {fsyncs / seconds,8:F0}  {(double)appends / Math.Max(1, fsyncs),13:F1}  {fsyncMs,13:F2}  {appends * recordBytes / seconds / 1e6,4:F1}"));
        }
    }

    private static int RecordBytes(SealedBatch batch)
    {
        var id = SpoolFormat.SensorIdBytes("sim-measure-0001");
        return SpoolFormat.WriteBatch(new byte[SpoolFormat.MaxBatchRecordBytes(id.Length, batch.Count)], id, batch);
    }
}
