namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// One process per spool directory: two writers would each number, settle and delete what the other
/// wrote. The lock is an exclusive open of <c>spool.lock</c> (an advisory <c>flock</c> on Unix), released
/// by the operating system when the process ends, however it ends.
/// </summary>
internal static class SpoolLock
{
    /// <summary>Takes the lock of the spool in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidOperationException">Another process (or spool) holds it.</exception>
    public static FileStream Acquire(string directory)
    {
        var path = Path.Combine(directory, SpoolFormat.LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another simulator process is using the spool {directory} (it holds {path}); run one simulator per spool directory, " +
                $"or point {SpoolOptions.PathSetting} at another directory.", ex);
        }
    }
}
