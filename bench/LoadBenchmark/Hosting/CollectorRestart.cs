namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// How a <see cref="CollectorProcess.RestartAsync"/> went: the exit code of the collector that was stopped, and the times from its
/// SIGTERM until it exited (<paramref name="Stopped"/>) and until the new one listened (<paramref name="Listening"/>).
/// </summary>
internal sealed record CollectorRestart(int ExitCode, TimeSpan Stopped, TimeSpan Listening);
