using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Commit;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Greeting;

/// <summary>
/// <c>Greeter.Greet</c>: the health handshake that opens the sensor's next session (recorded in storage after
/// everything already queued from it is settled), tells it where to resume and what became of every batch it still
/// holds, and which configuration version it should run (registering it as known). A viewer or admin key (a
/// dashboard's handshake) gets the collector's identity and time, and registers nothing.
/// </summary>
internal sealed class GreeterService(
    CommitPipeline pipeline,
    IChunkStore store,
    SequenceLedger ledger,
    LastGoodOptions<IngestionOptions> ingestionOptions,
    SensorDirectory directory,
    DesiredConfigs desired,
    SensorRegistrationBudget registrations,
    CollectorIdentity identity,
    RefusalLog refusals,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<GreeterService> logger) : Wire.Greeter.GreeterBase
{
    public override async Task<Wire.GreetReply> Greet(Wire.GreetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }

        ProtocolVersion.EnsureSupported(request.ProtocolVersion);
        if (SensorId.Validate(request.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument(idError);
        }

        if (SensorId.ValidateKind(request.Kind) is { } kindError)
        {
            throw RpcErrors.InvalidArgument(kindError);
        }

        if (!SensorAccess.IsSensor(context))
        {
            return Handshake(request);
        }

        SensorAccess.EnsureMaySendAs(context, request.SensorId);
        if (request.LostThroughSequence > long.MaxValue || request.FirstUnsettledSequence > long.MaxValue)
        {
            throw RpcErrors.InvalidArgument($"lost_through_sequence and first_unsettled_sequence are at most {long.MaxValue}");
        }

        if (request.Held.Count > MaxHeldBatches)
        {
            throw RpcErrors.InvalidArgument(
                $"the greeting lists {request.Held.Count} held batches; at most {MaxHeldBatches} are listed in one greeting (list the lowest, and greet again for the rest)");
        }

        var settledBefore = ledger.Get(request.SensorId);
        var maxJump = ingestionOptions.Current.MaxSequenceJump;
        bool TooFar() => request.LostThroughSequence > (ulong)settledBefore && request.LostThroughSequence - (ulong)settledBefore > (ulong)maxJump;
        if (TooFar())
        {
            // The ledger is a cache where collectors share a database: another may have stored the sensor's batches since.
            settledBefore = await RefreshSettledAsync(request.SensorId, context.CancellationToken);
        }

        if (TooFar())
        {
            throw RpcErrors.InvalidArgument(
                $"lost_through_sequence {request.LostThroughSequence} is more than {maxJump} above the committed sequence {settledBefore} (Collector:Ingestion:MaxSequenceJump); report only sequences the sensor sealed");
        }

        // Charged only once the greeting is well formed: a refused greeting must not spend the key's budget.
        if (desired.Find(request.SensorId) is null)
        {
            registrations.Admit(SensorAccess.Find(context)!, request.SensorId);
        }

        directory.Register(request.SensorId, request.Kind);
        DesiredConfig config;
        SensorCursor cursor;
        Wire.GreetReply reply;
        try
        {
            config = await desired.ObserveAsync(request.SensorId, request.Kind, context.CancellationToken);
            cursor = await pipeline.OpenSessionAsync(
                request.SensorId, new SessionOpening(request.Kind, (long)request.LostThroughSequence), context.CancellationToken);
            reply = new Wire.GreetReply
            {
                Accepted = true,
                CollectorInstanceId = identity.InstanceId,
                CollectorVersion = identity.Version,
                ServerTime = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
                CommittedSequence = (ulong)cursor.Settled,
                Session = (ulong)cursor.Session,
                DesiredConfigVersion = (ulong)config.Version,
                Message = cursor.Settled == 0
                    ? $"welcome, {request.SensorId}: session {cursor.Session}, start at sequence 1"
                    : $"welcome back, {request.SensorId}: session {cursor.Session}, resume after sequence {cursor.Settled}",
            };
            await AddOutcomesAsync(reply, request, cursor.Settled, context.CancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            throw RpcErrors.Unavailable($"{ex.Message}; greet again");
        }
        catch (StorageDamagedException ex)
        {
            throw RpcErrors.DataLoss($"{ex.Message}; the sensor's session could not be recorded");
        }
        catch (Exception ex) when (store.IsDamage(ex) || ex is InvalidDataException)
        {
            throw RpcErrors.DataLoss($"the outcomes of {request.SensorId}'s batches cannot be read: the collector's database is damaged ({ex.Message})");
        }
        catch (DbException ex)
        {
            throw RpcErrors.Unavailable($"storage failed to read the outcomes of {request.SensorId}'s batches: {ex.Message}; greet again");
        }

        CollectorLog.Greeted(logger, request.SensorId, request.Kind, request.ClientVersion, cursor.Session, cursor.Settled);
        return reply;
    }

    /// <summary>The sensor's settled sequence as stored now, taken into the ledger; the ledger's when storage cannot say.</summary>
    private async Task<long> RefreshSettledAsync(string sensorId, CancellationToken cancellationToken)
    {
        try
        {
            if ((await store.ReadCursorsAsync([sensorId], cancellationToken)).TryGetValue(sensorId, out var stored))
            {
                ledger.Advance(sensorId, stored);
            }
        }
        catch (DbException)
        {
            // Storage cannot answer now: the greeting is judged on what the ledger holds.
        }

        return ledger.Get(sensorId);
    }

    /// <summary>The most rejections, and the most gaps, one greeting lists.</summary>
    internal const int MaxOutcomesListed = 1000;

    /// <summary>The most held batches a greeting may list.</summary>
    internal const int MaxHeldBatches = 1000;

    /// <summary>
    /// Lists the rejections and gaps among sequences from the request's first unsettled one to <paramref name="settled"/>,
    /// and the held batches there stored with other readings: every other sequence there is stored (with the held
    /// batch's very readings). When a list is full, the outcomes stop short at its last entry.
    /// </summary>
    private async Task AddOutcomesAsync(Wire.GreetReply reply, Wire.GreetRequest request, long settled, CancellationToken cancellationToken)
    {
        var sensorId = request.SensorId;
        var from = (long)request.FirstUnsettledSequence;
        if (from == 0 || from > settled)
        {
            reply.OutcomesThroughSequence = (ulong)settled;
            return;
        }

        var stored = await store.ReadSettlementsAsync(sensorId, from, settled, MaxOutcomesListed, cancellationToken);
        var through = settled;
        if (stored.Rejected.Count == MaxOutcomesListed)
        {
            through = Math.Min(through, stored.Rejected[^1].Sequence);
        }

        if (stored.Gaps.Count == MaxOutcomesListed)
        {
            through = Math.Min(through, stored.Gaps[^1].LastSequence);
        }

        foreach (var rejected in stored.Rejected.Where(r => r.Sequence <= through))
        {
            reply.Rejected.Add(new Wire.RejectedBatch
            {
                Sequence = (ulong)rejected.Sequence,
                Code = (int)StatusCode.InvalidArgument,
                Reason = rejected.Reason,
                ReadingCount = (uint)rejected.ReadingCount,
            });
        }

        foreach (var gap in stored.Gaps.Where(g => g.FirstSequence <= through))
        {
            reply.Gaps.Add(new Wire.SequenceGap { FirstSequence = (ulong)gap.FirstSequence, LastSequence = (ulong)gap.LastSequence, Reason = gap.Reason });
        }

        reply.OutcomesThroughSequence = (ulong)through;

        var held = request.Held.Where(h => h.Sequence >= (ulong)from && h.Sequence <= (ulong)through).ToList();
        var checksums = await store.ReadChecksumsAsync(sensorId, held.ConvertAll(h => (long)h.Sequence), cancellationToken);
        foreach (var batch in held)
        {
            if (checksums.TryGetValue((long)batch.Sequence, out var checksum) && checksum != unchecked((long)batch.Checksum))
            {
                reply.ConflictingSequences.Add(batch.Sequence);
            }
        }

        if (reply.ConflictingSequences.Count > 0)
        {
            if (refusals.Count(RefusalLog.GreetingConflict) is var count and > 0)
            {
                PacedLog.GreetingsWithConflicts(logger, count, sensorId, reply.ConflictingSequences.Count, reply.ConflictingSequences[0], refusals.Interval);
            }
        }
    }

    private Wire.GreetReply Handshake(Wire.GreetRequest request) => new()
    {
        Accepted = true,
        CollectorInstanceId = identity.InstanceId,
        CollectorVersion = identity.Version,
        ServerTime = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
        Message = $"welcome, {request.SensorId}: this key may watch, not send",
    };
}
