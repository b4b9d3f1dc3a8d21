using System.Globalization;

namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Reads a process's CPU time from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class ProcStat
{
    // Fields after the command name's closing parenthesis, from 0: state is field 3 of the file, utime 14, stime 15.
    private const int UserTimeIndex = 11;
    private const int SystemTimeIndex = 12;

    /// <summary>
    /// User plus system CPU time, in clock ticks, from the content of a stat file. The command name may hold
    /// spaces and parentheses, so fields are counted from its last closing parenthesis.
    /// </summary>
    public static long ParseCpuTicks(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            throw new FormatException("not a /proc/<pid>/stat line: no ')' after the command name");
        }

        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= SystemTimeIndex)
        {
            throw new FormatException($"not a /proc/<pid>/stat line: {fields.Length} fields after the command name, utime and stime need {SystemTimeIndex + 1}");
        }

        return long.Parse(fields[UserTimeIndex], CultureInfo.InvariantCulture) + long.Parse(fields[SystemTimeIndex], CultureInfo.InvariantCulture);
    }

    /// <summary>The CPU ticks of process <paramref name="pid"/> so far.</summary>
    public static long ReadCpuTicks(int pid) => ParseCpuTicks(File.ReadAllText($"/proc/{pid}/stat"));
}
