namespace Ingest.LoadBenchmark.Measurement;

/// <summary>A process's CPU time so far and its memory, read from <c>/proc</c> at one moment.</summary>
internal sealed record ProcessSample(double CpuSeconds, long PeakRssBytes, long RssBytes)
{
    /// <summary>Samples process <paramref name="pid"/>.</summary>
    public static ProcessSample Read(int pid)
    {
        var status = ProcStatus.Read(pid);
        return new ProcessSample(
            (double)ProcStat.ReadCpuTicks(pid) / ClockTicks.PerSecond,
            ProcStatus.ParseBytes(status, ProcStatus.PeakResident) ?? 0,
            ProcStatus.ParseBytes(status, ProcStatus.Resident) ?? 0);
    }

    /// <summary>
    /// Samples the processes <paramref name="pids"/> (several collectors) as one: CPU and memory summed; null when any is gone.
    /// </summary>
    public static ProcessSample? TryReadAll(IReadOnlyList<int> pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        var samples = pids.Select(TryRead).ToList();
        return samples.Count == 0 || samples.Any(s => s is null)
            ? null
            : new ProcessSample(samples.Sum(s => s!.CpuSeconds), samples.Sum(s => s!.PeakRssBytes), samples.Sum(s => s!.RssBytes));
    }

    /// <summary>
    /// Samples process <paramref name="pid"/>; null when it is gone (no <c>/proc/&lt;pid&gt;</c>) or is a zombie
    /// whose memory is no longer reported.
    /// </summary>
    public static ProcessSample? TryRead(int pid)
    {
        try
        {
            var status = ProcStatus.Read(pid);
            if (ProcStatus.ParseBytes(status, ProcStatus.PeakResident) is not { } peak)
            {
                return null;
            }

            return new ProcessSample((double)ProcStat.ReadCpuTicks(pid) / ClockTicks.PerSecond, peak, ProcStatus.ParseBytes(status, ProcStatus.Resident) ?? 0);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
