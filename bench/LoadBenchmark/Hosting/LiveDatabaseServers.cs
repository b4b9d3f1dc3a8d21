using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// The PostgreSQL servers the benchmark started and has not stopped, by their postmaster's process id, so that a forced
/// exit (a second Ctrl-C, SIGTERM or SIGHUP, or the process ending any other way) still stops them; a normal end or a
/// first Ctrl-C stops them in order (pg_ctl stop) and deletes their directory.
/// </summary>
internal static class LiveDatabaseServers
{
    private static readonly ConcurrentDictionary<int, byte> Servers = new();

    public static void Add(int postmasterPid) => Servers.TryAdd(postmasterPid, 0);

    public static void Remove(int postmasterPid) => Servers.TryRemove(postmasterPid, out _);

    /// <summary>Sends every live server SIGQUIT (PostgreSQL's immediate shutdown), synchronously; safe to call from a signal handler.</summary>
    public static void StopAll()
    {
        foreach (var pid in Servers.Keys)
        {
            try
            {
                using var kill = Process.Start("kill", ["-QUIT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No kill program: nothing more to try.
            }

            Remove(pid);
        }
    }
}
