using System.Collections.Concurrent;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// The collectors started and not yet disposed, so that a forced exit (a second Ctrl-C, SIGTERM or SIGHUP,
/// or the process ending any other way) still kills and reaps them and deletes their storage.
/// </summary>
internal static class LiveCollectors
{
    private static readonly ConcurrentDictionary<CollectorProcess, byte> Collectors = new();

    /// <summary>Collectors started and not yet disposed.</summary>
    public static int Count => Collectors.Count;

    public static void Add(CollectorProcess collector) => Collectors.TryAdd(collector, 0);

    public static void Remove(CollectorProcess collector) => Collectors.TryRemove(collector, out _);

    /// <summary>Kills, reaps and deletes the storage of every live collector, synchronously; safe to call from a signal handler.</summary>
    public static void TerminateAll()
    {
        foreach (var collector in Collectors.Keys)
        {
            collector.Terminate();
            Remove(collector);
        }
    }
}
