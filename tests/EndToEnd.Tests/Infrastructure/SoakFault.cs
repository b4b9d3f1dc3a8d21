namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>One SIGKILL during the soak, of the collector or of the simulator.</summary>
/// <param name="Process">Which process was killed: <c>collector</c> or <c>simulator</c>.</param>
/// <param name="At">When, from the start of the run.</param>
/// <param name="StoredAtKill">Readings stored when the killed process had exited.</param>
/// <param name="Restart">From the kill until the new process ran: the collector listening, or the simulator started.</param>
/// <param name="FailedOver">
/// With several collectors: from the kill of one until every sensor had stored more readings through the others, before it
/// was started again; null with one collector.
/// </param>
internal sealed record SoakFault(int Number, string Process, TimeSpan At, long StoredAtKill, TimeSpan Restart, TimeSpan? FailedOver = null);
