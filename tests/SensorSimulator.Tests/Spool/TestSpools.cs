using Ingest.SensorSimulator.Spool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingest.SensorSimulator.Tests.Spool;

/// <summary>Opens spools in test directories, and finds their files.</summary>
internal static class TestSpools
{
    public static Task<SensorSpool> OpenAsync(
        string path, int maxMegabytes = 256, int segmentMegabytes = 16, ILogger? logger = null, bool keepReadings = true) =>
        SensorSpool.OpenAsync(
            new SpoolOptions { Path = path, MaxMegabytes = maxMegabytes, SegmentMegabytes = segmentMegabytes, KeepReadings = keepReadings },
            TimeProvider.System,
            logger ?? NullLogger.Instance,
            CancellationToken.None);

    /// <summary>The segment files in <paramref name="path"/>, oldest first.</summary>
    public static string[] Segments(string path) =>
        [.. Directory.GetFiles(path, "segment-*.spool").Order(StringComparer.Ordinal)];

    /// <summary>The newest segment file in <paramref name="path"/>.</summary>
    public static string Head(string path) => Segments(path)[^1];

    /// <summary>Copies the segment files of <paramref name="from"/> into a new directory under <paramref name="scratch"/>.</summary>
    public static string CopySegments(string from, TempDirectory scratch, string name)
    {
        var to = Directory.CreateDirectory(scratch.File(name)).FullName;
        foreach (var file in Segments(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        return to;
    }
}
