using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Uploading;

/// <summary>The collector's answer to a greeting.</summary>
/// <param name="Accepted">The sensor may send.</param>
/// <param name="CommittedSequence">The highest sequence the collector settled for the sensor; 0 if none.</param>
/// <param name="CollectorInstanceId">Changes every time a collector process starts.</param>
/// <param name="Message">Why the greeting was refused, when it was.</param>
/// <param name="Session">The session the greeting opened: every batch carries it until the next greeting.</param>
/// <param name="Outcomes">What became of the batches the sensor asked about.</param>
internal sealed record GreetResult(
    bool Accepted, ulong CommittedSequence, string CollectorInstanceId, string Message, ulong Session, SettledOutcomes Outcomes);
