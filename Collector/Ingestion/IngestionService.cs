using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Chaos;
using Ingest.Collector.Commit;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// <c>Ingestion.Upload</c> (and its unary form <c>Write</c>): validates each batch, passes it to the commit
/// pipeline, and once the sensor ends the stream answers one acknowledgement that counts only what is
/// durably settled.
/// </summary>
internal sealed class IngestionService(
    CommitPipeline pipeline,
    BatchValidator validator,
    SequenceLedger ledger,
    UploadGate gate,
    UploadBudgets budgets,
    SensorLimits sensorLimits,
    UploadChaos chaos,
    ConnectedSensors connected,
    LastGoodOptions<IngestionOptions> options,
    IngestMetrics metrics,
    RefusalLog refusals,
    SensorRegistrationBudget registrations,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<IngestionService> logger) : Wire.Ingestion.IngestionBase
{
    public override async Task<Wire.UploadAck> Upload(IAsyncStreamReader<Wire.ReadingBatch> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        return await AdmitAsync(context, stopping => ReceiveAsync(requestStream, context, stopping));
    }

    public override async Task<Wire.UploadAck> Write(Wire.ReadingBatch request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One batch takes the same path as a stream of them.
        return await AdmitAsync(context, stopping => ReceiveAsync(new SingleBatchReader(request), context, stopping));
    }

    /// <summary>
    /// Takes a slot of the call's key and an upload slot for the call (ResourceExhausted with a retry hint when the key
    /// holds its share or none is left) and runs it.
    /// </summary>
    private async Task<Wire.UploadAck> AdmitAsync(ServerCallContext context, Func<CancellationToken, Task<Wire.UploadAck>> receive)
    {
        var stopping = CallAdmission.Admit(context, lifetime);
        using var keySlot = budgets.EnterKey(context);
        using var lease = gate.TryEnter();
        if (lease is null)
        {
            metrics.UploadRefused(UploadRefusalReason.ConcurrentUploads);
            var reason = gate.LimitReached;
            if (refusals.Count(RefusalLog.UploadRefused) is var count and > 0)
            {
                PacedLog.UploadsRefused(logger, count, context.Peer, reason, refusals.Interval);
            }

            throw RpcErrors.ResourceExhausted(reason, options.Current.RetryAfter);
        }

        metrics.UploadOpened();
        try
        {
            return await receive(stopping);
        }
        finally
        {
            metrics.UploadClosed();
        }
    }

    private async Task<Wire.UploadAck> ReceiveAsync(IAsyncStreamReader<Wire.ReadingBatch> batches, ServerCallContext context, CancellationToken stopping)
    {
        var limits = options.Current;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var session = new UploadSession(limits.MaxInFlightBatchesPerStream);
        using var allowance = sensorLimits.Open(context.Peer);
        using var reader = budgets.Read(batches);
        string? connectedAs = null;
        var pacedEnd = false;
        try
        {
            while (true)
            {
                await session.WaitForRoomAsync();
                if (!await reader.MoveNextAsync(linked.Token))
                {
                    break;
                }

                // Held until storage settles the batch; while the stream waits for room it reads nothing more.
                pacedEnd = true;
                using var held = await budgets.HoldAsync(reader.Current, context.Peer, linked.Token);
                pacedEnd = false;
                await AcceptAsync(context, session, allowance, reader.Current, held, linked.Token);
                chaos.AfterBatch(session.BatchesReceived, session.SensorId);
                if (connectedAs is null && session.SensorId is { } sensorId)
                {
                    connectedAs = sensorId;
                    connected.Opened(sensorId);
                }
            }

            var streamEnded = timeProvider.GetTimestamp();
            await session.DrainAsync();
            var ack = session.BuildAck(session.SensorId is null ? 0 : ledger.Get(session.SensorId));
            metrics.AckLatency(timeProvider.GetElapsedTime(streamEnded));
            chaos.BeforeAck(session.SensorId);
            return ack;
        }
        catch (RpcException ex) when (reader.TimedOut || pacedEnd)
        {
            // An idle stream holds an upload slot of the collector: it must send, or make room. A stream that found no room
            // for its batch is refused. Either way what it sent still commits, and the line about it is paced, not per stream.
            if (reader.TimedOut)
            {
                budgets.IdleEnded(context.Peer, ex.Status.Detail);
            }

            await DrainQuietlyAsync(session, reason: null);
            throw;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            await DrainQuietlyAsync(session, "the collector is stopping");
            throw RpcErrors.ShuttingDown();
        }
        catch (StorageUnavailableException ex)
        {
            metrics.UploadRefused(UploadRefusalReason.StorageUnavailable);
            await DrainQuietlyAsync(session, ex.Message);
            throw RpcErrors.Unavailable($"{ex.Message}; greet again and resend from the committed sequence");
        }
        catch (StorageDamagedException ex)
        {
            await DrainQuietlyAsync(session, ex.Message);
            throw RpcErrors.DataLoss(
                $"batches of sensor '{session.SensorId}' cannot be stored: {ex.Message}; they are not acknowledged, keep them until the collector's operator has recovered its database");
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            await DrainQuietlyAsync(session, ex.Status.Detail);
            throw;
        }
        finally
        {
            if (connectedAs is not null)
            {
                connected.Closed(connectedAs);
            }
        }
    }

    private async Task AcceptAsync(
        ServerCallContext context, UploadSession session, UploadAllowance allowance, Wire.ReadingBatch message, BufferedBytesHold held, CancellationToken cancellationToken)
    {
        if (SensorId.Validate(message.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument($"batch {session.BatchesReceived + 1} of this stream: {idError}");
        }

        // Only a valid id reaches the key's binding check, whose refusal names the id.
        SensorAccess.EnsureMaySendAs(context, message.SensorId);

        if (session.Bind(message.SensorId) is { } bindError)
        {
            throw RpcErrors.InvalidArgument(bindError);
        }

        // A sensor that sends without greeting (session 0) registers with its first batch: charged to its key's budget too.
        if (!ledger.Knows(message.SensorId))
        {
            registrations.Admit(SensorAccess.Find(context)!, message.SensorId);
        }

        var limits = options.Current;
        var readingCount = message.Readings?.Values.Count ?? 0;
        var cursor = ledger.Cursor(message.SensorId);
        var settled = cursor.Settled;
        if (message.Session != 0 && message.Session < (ulong)cursor.Session)
        {
            // Fenced before it is queued; the commit pipeline fences what slips past this check.
            throw RpcErrors.Aborted(
                $"batch {message.Sequence} of '{message.SensorId}' was sent in session {message.Session}, but the sensor greeted again since and its session is {cursor.Session}: a batch of an older session is neither stored nor acknowledged; greet and resend what is not settled");
        }

        string? unsettledReason = message.Sequence switch
        {
            0 => "sequence is 0; sequences start at 1 and rise by one per batch",
            > long.MaxValue => $"sequence {message.Sequence} is larger than {long.MaxValue}",
            _ when message.Session > long.MaxValue => $"session {message.Session} is larger than {long.MaxValue}; send the session the greeting answered",
            _ when (long)message.Sequence - settled > limits.MaxSequenceJump =>
                $"sequence {message.Sequence} is more than {limits.MaxSequenceJump} above the committed sequence {settled}; greet to learn where to resume",
            _ => null,
        };
        if (unsettledReason is not null)
        {
            // Refused without settling anything: such a sequence must not move the sensor's sequence on.
            allowance.Admit(message.SensorId, readings: 0);
            LogRejected(message.SensorId, (long)Math.Min(message.Sequence, long.MaxValue), unsettledReason);
            metrics.Rejected(1);
            session.RejectUnsettled(message.Sequence, readingCount, unsettledReason);
            EnsureRejectLimit(session, limits);
            return;
        }

        // A batch is charged to the sensor's rate after validation, and a rejected one at most a full batch's worth:
        // a batch over MaxReadingsPerBatch can never fit the rate bucket and must be rejected as InvalidArgument, not
        // refused for ever, yet bad batches (each settles a sequence and writes a row) must not come free either.
        var validation = validator.Validate(message);
        allowance.Admit(message.SensorId, validation.Batch is null ? Math.Min(readingCount, limits.MaxReadingsPerBatch) : readingCount);
        var now = timeProvider.GetTimestamp();
        CommitRequest request;
        if (validation.Batch is { } batch)
        {
            request = CommitRequest.Store(batch, now, session.Commits, (long)message.Session);
        }
        else
        {
            LogRejected(message.SensorId, (long)message.Sequence, validation.RejectionReason!);
            request = CommitRequest.Reject(
                message.SensorId, (long)message.Sequence, validation.ReadingCount, validation.RejectionReason!, now, session.Commits, (long)message.Session);
            session.CountRejection();
            EnsureRejectLimit(session, limits);
        }

        await pipeline.EnqueueAsync(request, cancellationToken);
        held.ReleaseWhenSettled(request.Completion);
        session.Track(request);
    }

    /// <summary>Ends a stream that sends mostly bad batches, so its acknowledgement stays bounded.</summary>
    private static void EnsureRejectLimit(UploadSession session, IngestionOptions limits)
    {
        if (session.RejectionsReceived > limits.MaxRejectedBatchesPerStream)
        {
            throw RpcErrors.InvalidArgument(
                $"more than {limits.MaxRejectedBatchesPerStream} batches of this stream were rejected; the batches before this one are settled, see the collector's log for the reasons and fix the sensor");
        }
    }

    private void LogRejected(string sensorId, long sequence, string reason)
    {
        if (refusals.Count(RefusalLog.BatchRejected) is var count and > 0)
        {
            PacedLog.BatchesRejected(logger, count, sensorId, sequence, reason, refusals.Interval);
        }
    }

    /// <summary>Waits for what the stream queued; logs why it ended early (paced) unless <paramref name="reason"/> is null (logged, paced, by the caller).</summary>
    private async Task DrainQuietlyAsync(UploadSession session, string? reason)
    {
        // Whatever was queued still commits; the sensor learns of it from its next greeting.
        if (reason is not null && refusals.Count(RefusalLog.UploadEndedEarly) is var count and > 0)
        {
            PacedLog.UploadsEndedEarly(logger, count, session.SensorId ?? "(none yet)", reason, refusals.Interval);
        }

        try
        {
            await session.DrainAsync();
        }
        catch (Exception ex) when (ex is StorageUnavailableException or StorageDamagedException or RpcException)
        {
            // Storage failed, or the stream was fenced: either way nothing more of it is acknowledged.
        }
    }
}
