using System.Globalization;

namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Reads a process's CPU time from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class ProcStat
{
    // Fields after the command name's closing parenthesis, from 0: state is field 3 of the file, ppid 4, utime 14,
    // stime 15, cutime 16 and cstime 17 (the CPU of children it has waited for).
    private const int ParentIndex = 1;
    private const int UserTimeIndex = 11;
    private const int SystemTimeIndex = 12;
    private const int ChildrenUserTimeIndex = 13;
    private const int ChildrenSystemTimeIndex = 14;

    /// <summary>
    /// User plus system CPU time, in clock ticks, from the content of a stat file. The command name may hold
    /// spaces and parentheses, so fields are counted from its last closing parenthesis.
    /// </summary>
    public static long ParseCpuTicks(string stat)
    {
        var fields = Fields(stat, SystemTimeIndex);
        return Long(fields[UserTimeIndex]) + Long(fields[SystemTimeIndex]);
    }

    /// <summary>The user plus system CPU time, in clock ticks, of the children the process has waited for (cutime + cstime).</summary>
    public static long ParseReapedChildrenCpuTicks(string stat)
    {
        var fields = Fields(stat, ChildrenSystemTimeIndex);
        return Long(fields[ChildrenUserTimeIndex]) + Long(fields[ChildrenSystemTimeIndex]);
    }

    /// <summary>The parent's process id (ppid).</summary>
    public static int ParseParentPid(string stat) => (int)Long(Fields(stat, ParentIndex)[ParentIndex]);

    /// <summary>The CPU ticks of process <paramref name="pid"/> so far.</summary>
    public static long ReadCpuTicks(int pid) => ParseCpuTicks(File.ReadAllText($"/proc/{pid}/stat"));

    private static string[] Fields(string stat, int needed)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            throw new FormatException("not a /proc/<pid>/stat line: no ')' after the command name");
        }

        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= needed)
        {
            throw new FormatException($"not a /proc/<pid>/stat line: {fields.Length} fields after the command name, {needed + 1} needed");
        }

        return fields;
    }

    private static long Long(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
