namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>The benchmark's process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Every run finished and every storage check passed (targets missed are reported, not failures).</summary>
    public const int Success = 0;

    /// <summary>A bad command line, a collector that did not start, or stored readings that differ from the acknowledged ones.</summary>
    public const int Failure = 1;

    /// <summary>Interrupted (Ctrl-C, SIGTERM).</summary>
    public const int Interrupted = 130;
}
