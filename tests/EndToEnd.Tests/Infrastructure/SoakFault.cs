namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>One SIGKILL of the collector during the soak.</summary>
/// <param name="At">When, from the start of the run.</param>
/// <param name="StoredAtKill">Readings stored when the killed collector had exited.</param>
/// <param name="Restart">From the kill until the new collector listened.</param>
internal sealed record SoakFault(int Number, TimeSpan At, long StoredAtKill, TimeSpan Restart);
