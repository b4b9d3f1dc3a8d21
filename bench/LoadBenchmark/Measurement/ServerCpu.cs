namespace Ingest.LoadBenchmark.Measurement;

/// <summary>
/// The CPU time of a server that forks a process per connection, as PostgreSQL does: its main process's own, that of
/// the children it has reaped (cutime + cstime), and that of its live children, from <c>/proc</c>. Sampled at the start
/// and the end of an interval, the difference is what the server spent in it (a child that started and ended within
/// it is counted once it is reaped).
/// </summary>
internal static class ServerCpu
{
    /// <summary>The CPU seconds of <paramref name="pid"/> and its children so far; null when it is gone or unreadable.</summary>
    public static double? TryReadSeconds(int pid)
    {
        try
        {
            var root = File.ReadAllText($"/proc/{pid}/stat");
            var others = new List<string>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(directory);
                if (name.All(char.IsAsciiDigit) && name != pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    try
                    {
                        others.Add(File.ReadAllText(Path.Combine(directory, "stat")));
                    }
                    catch (IOException)
                    {
                        // Ended while the list was read.
                    }
                }
            }

            return (double)Ticks(pid, root, others) / ClockTicks.PerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The ticks of process <paramref name="pid"/> (its stat line <paramref name="root"/>) with its reaped children, plus
    /// those of the processes among <paramref name="others"/> whose parent it is.
    /// </summary>
    public static long Ticks(int pid, string root, IEnumerable<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        return ProcStat.ParseCpuTicks(root) + ProcStat.ParseReapedChildrenCpuTicks(root)
            + others.Where(stat => ProcStat.ParseParentPid(stat) == pid).Sum(ProcStat.ParseCpuTicks);
    }
}
