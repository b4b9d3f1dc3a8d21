using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>One full-speed run to make: its name (<see cref="RunNames"/>), pattern, batch size (null for naive) and round.</summary>
internal sealed record PlannedRun(string Name, LoadPattern Pattern, int? BatchSize, int Round);
