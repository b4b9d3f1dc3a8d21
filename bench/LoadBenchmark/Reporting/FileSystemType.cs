namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The file system a directory is on, from <c>/proc/mounts</c>: it matters for a durable commit, which is
/// nearly free on tmpfs and costs a real fsync on a disk.
/// </summary>
internal static class FileSystemType
{
    /// <summary>The type (e.g. ext4, tmpfs, overlay) of the file system holding <paramref name="directory"/>; "unknown" when it cannot be told.</summary>
    public static string Of(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            var path = Path.GetFullPath(directory);
            var resolved = Directory.Exists(path) ? new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
            return File.Exists("/proc/mounts") ? FromMounts(File.ReadAllText("/proc/mounts"), resolved) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// The type of the mount in <paramref name="mounts"/> (the text of <c>/proc/mounts</c>) with the longest mount
    /// point that holds <paramref name="path"/> (absolute); the last such mount wins, as it covers the earlier ones.
    /// </summary>
    public static string FromMounts(string mounts, string path)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(path);
        var best = "unknown";
        var bestLength = -1;
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            var mountPoint = Unescape(fields[1]);
            if (Holds(mountPoint, path) && mountPoint.Length >= bestLength)
            {
                best = fields[2];
                bestLength = mountPoint.Length;
            }
        }

        return best;
    }

    private static bool Holds(string mountPoint, string path) =>
        mountPoint == "/"
        || path == mountPoint
        || (path.StartsWith(mountPoint, StringComparison.Ordinal) && path[mountPoint.Length] == '/');

    /// <summary>/proc/mounts writes space, tab, newline and backslash in a mount point as octal escapes (\040).</summary>
    private static string Unescape(string field) => field
        .Replace("\\040", " ", StringComparison.Ordinal)
        .Replace("\\011", "\t", StringComparison.Ordinal)
        .Replace("\\012", "\n", StringComparison.Ordinal)
        .Replace("\\134", "\\", StringComparison.Ordinal);
}
