namespace Ingest.Collector.Commit;

/// <summary>
/// The commits of one Upload stream. A stream queues several batches ahead of their commit; once one of them
/// fails to commit, the ones it queued after it fail too (<see cref="IsBroken"/>) instead of being committed
/// in a later group behind a hole, which the sequence rules would settle as a loss although the sensor still
/// holds the missing batch. The sensor greets again and resends from the committed sequence. This holds per
/// stream: a client that spreads one sensor's sequences over several streams at once (the simulator does not) can
/// still see a batch of another stream committed behind the failed one, and the failed one settled as lost. Read
/// and written by the commit pipeline's single writer only.
/// </summary>
internal sealed class CommitStream
{
    /// <summary>Whether a batch of this stream failed to commit.</summary>
    public bool IsBroken { get; private set; }

    public void Break() => IsBroken = true;
}
