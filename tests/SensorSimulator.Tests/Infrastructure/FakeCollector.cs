using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>
/// An in-memory collector for one sensor behind a <see cref="CallInvoker"/>: opens a session per greeting and fences
/// batches of older ones, stores batches exactly once by sequence, records gaps and rejections, acknowledges streams
/// and tells greetings the outcomes like the real one, and injects the faults tests ask for.
/// </summary>
internal sealed class FakeCollector : CallInvoker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, int> _stored = [];
    private readonly List<ulong> _received = [];
    private readonly HashSet<ulong> _rejected = [];
    private readonly Dictionary<ulong, ulong> _checksums = [];
    private readonly List<(ulong First, ulong Last)> _gaps = [];

    /// <summary>The highest sequence settled.</summary>
    public ulong Committed { get; set; }

    /// <summary>Sequences to reject as invalid.</summary>
    public HashSet<ulong> Reject { get; } = [];

    /// <summary>For the next stream only: the write with this number (from 1) cuts the connection.</summary>
    public int CutNextStreamAtWrite { get; set; }

    /// <summary>For the next stream only: everything is stored, but the acknowledgement is lost.</summary>
    public bool LoseNextAck { get; set; }

    /// <summary>When set, every new upload stream fails at its first write with this (a refused key, say).</summary>
    public RpcException? RefuseUploads { get; set; }

    /// <summary>
    /// The most rejections, and the most gaps, one greeting lists; when a list is full the outcomes stop short at its
    /// last entry, like the real collector's (which lists 1,000).
    /// </summary>
    public int OutcomesListed { get; set; } = int.MaxValue;

    /// <summary>Failures the next greetings answer with, in order.</summary>
    public Queue<Exception> GreetFailures { get; } = new();

    public int Greets { get; private set; }

    /// <summary>The session the latest greeting opened.</summary>
    public ulong Session { get; private set; }

    /// <summary>The requests of every greeting, in order.</summary>
    public List<GreetRequest> Greetings { get; } = [];

    /// <summary>Batches fenced because they carried an older session.</summary>
    public int Fenced { get; private set; }

    /// <summary>The configuration version greetings answer; 0 is a viewer's or admin's handshake.</summary>
    public ulong DesiredConfigVersion { get; set; } = 1;

    public int Streams { get; private set; }

    public List<Metadata> UploadHeaders { get; } = [];

    public IReadOnlyDictionary<ulong, int> Stored
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<ulong, int>(_stored);
            }
        }
    }

    /// <summary>Every sequence received, in order, duplicates included.</summary>
    public IReadOnlyList<ulong> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        Task<GreetReply> reply;
        lock (_gate)
        {
            Greets++;
            var greeting = (GreetRequest)(object)request!;
            Greetings.Add(greeting);
            reply = GreetFailures.TryDequeue(out var failure)
                ? Task.FromException<GreetReply>(failure)
                : Task.FromResult(Greet(greeting));
        }

        return new AsyncUnaryCall<TResponse>(
            (Task<TResponse>)(object)reply, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        UploadWriter writer;
        lock (_gate)
        {
            Streams++;
            UploadHeaders.Add(options.Headers ?? []);
            writer = new UploadWriter(this, CutNextStreamAtWrite, LoseNextAck, RefuseUploads);
            CutNextStreamAtWrite = 0;
            LoseNextAck = false;
        }

        return new AsyncClientStreamingCall<TRequest, TResponse>(
            (IClientStreamWriter<TRequest>)(object)writer,
            (Task<TResponse>)(object)writer.Response.Task,
            Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess,
            () => [],
            () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    /// <summary>Holds <paramref name="sequence"/> as stored already, as if an earlier process had sent it.</summary>
    public void Hold(ulong sequence, int readings)
    {
        lock (_gate)
        {
            _stored[sequence] = readings;
            Committed = Math.Max(Committed, sequence);
        }
    }

    /// <summary>Holds <paramref name="sequence"/> as stored with <paramref name="checksum"/>'s readings, as if another process had sent it.</summary>
    public void Hold(ulong sequence, int readings, ulong checksum)
    {
        lock (_gate)
        {
            Hold(sequence, readings);
            _checksums[sequence] = checksum;
        }
    }

    /// <summary>Holds <paramref name="sequence"/> as rejected already, as if an earlier process had sent it.</summary>
    public void HoldRejected(ulong sequence)
    {
        lock (_gate)
        {
            _rejected.Add(sequence);
            Committed = Math.Max(Committed, sequence);
        }
    }

    private GreetReply Greet(GreetRequest request)
    {
        if (request.LostThroughSequence > Committed)
        {
            _gaps.Add((Committed + 1, request.LostThroughSequence));
            Committed = request.LostThroughSequence;
        }

        Session++;
        var reply = new GreetReply
        {
            Accepted = true,
            CommittedSequence = Committed,
            CollectorInstanceId = "fake",
            DesiredConfigVersion = DesiredConfigVersion,
            Session = Session,
            OutcomesThroughSequence = Committed,
        };
        var from = request.FirstUnsettledSequence;
        if (from > 0)
        {
            var rejected = _rejected.Where(r => r >= from && r <= Committed).Order().Take(OutcomesListed).ToList();
            var gaps = _gaps.Where(g => g.Last >= from && g.First <= Committed).OrderBy(g => g.First).Take(OutcomesListed).ToList();
            var through = Committed;
            if (rejected.Count == OutcomesListed)
            {
                through = Math.Min(through, rejected[^1]);
            }

            if (gaps.Count == OutcomesListed)
            {
                through = Math.Min(through, gaps[^1].Last);
            }

            reply.OutcomesThroughSequence = through;
            reply.Rejected.AddRange(rejected.Where(r => r <= through)
                .Select(r => new RejectedBatch { Sequence = r, Code = (int)StatusCode.InvalidArgument, Reason = "rejected by the test" }));
            reply.Gaps.AddRange(gaps.Where(g => g.First <= through)
                .Select(g => new SequenceGap { FirstSequence = g.First, LastSequence = g.Last }));
            reply.ConflictingSequences.AddRange(request.Held
                .Where(h => h.Sequence >= from && h.Sequence <= through && _checksums.TryGetValue(h.Sequence, out var stored) && stored != h.Checksum)
                .Select(h => h.Sequence));
        }

        return reply;
    }

    private static ulong ChecksumOf(ReadingBatch batch)
    {
        var time = batch.Readings.BaseTimeUnixMicros;
        var timestamps = batch.Readings.TimeDeltasMicros.Select(delta => time += delta).ToArray();
        return ReadingsChecksum.Compute(timestamps, batch.Readings.Values.ToArray());
    }

    /// <summary>Stores the batch; false when it is fenced (an older session), which ends its stream.</summary>
    private bool Store(ReadingBatch batch, UploadAck ack)
    {
        lock (_gate)
        {
            if (batch.Session != 0 && batch.Session != Session)
            {
                Fenced++;
                return false;
            }

            _received.Add(batch.Sequence);
            var readings = batch.Readings.Values.Count;
            if (batch.Sequence <= Committed)
            {
                if (_stored.ContainsKey(batch.Sequence) && _checksums.TryGetValue(batch.Sequence, out var stored) && stored != ChecksumOf(batch))
                {
                    ack.Rejected.Add(new RejectedBatch { Sequence = batch.Sequence, Code = (int)StatusCode.AlreadyExists, Reason = "stored with other readings" });
                }
                else if (_stored.ContainsKey(batch.Sequence))
                {
                    ack.DuplicateBatches++;
                    ack.DuplicateReadings += (ulong)readings;
                }
                else
                {
                    ack.Rejected.Add(new RejectedBatch { Sequence = batch.Sequence, Code = (int)StatusCode.FailedPrecondition, Reason = "already settled" });
                }

                return true;
            }

            if (batch.Sequence > Committed + 1)
            {
                ack.Gaps.Add(new SequenceGap { FirstSequence = Committed + 1, LastSequence = batch.Sequence - 1 });
                _gaps.Add((Committed + 1, batch.Sequence - 1));
            }

            Committed = batch.Sequence;
            if (Reject.Contains(batch.Sequence))
            {
                _rejected.Add(batch.Sequence);
                ack.Rejected.Add(new RejectedBatch
                {
                    Sequence = batch.Sequence,
                    Code = (int)StatusCode.InvalidArgument,
                    Reason = "rejected by the test",
                    ReadingCount = (uint)readings,
                });
                return true;
            }

            _stored.Add(batch.Sequence, readings);
            _checksums[batch.Sequence] = ChecksumOf(batch);
            ack.BatchesCommitted++;
            ack.ReadingsCommitted += (ulong)readings;
            return true;
        }
    }

    private sealed class UploadWriter(FakeCollector collector, int cutAtWrite, bool loseAck, RpcException? refusal) : IClientStreamWriter<ReadingBatch>
    {
        private readonly UploadAck _ack = new();
        private int _writes;

        public TaskCompletionSource<UploadAck> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(ReadingBatch message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(ReadingBatch message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (refusal is not null)
            {
                // Like the real client: the write reports a cancelled call, the response the collector's refusal.
                Response.TrySetException(refusal);
                return Task.FromException(new RpcException(new Status(StatusCode.Cancelled, "call completed")));
            }

            if (++_writes == cutAtWrite)
            {
                // Like the real client: the write reports a cancelled call, the response the real status.
                Response.TrySetException(new RpcException(new Status(StatusCode.Unavailable, "connection cut by the test")));
                return Task.FromException(new RpcException(new Status(StatusCode.Cancelled, "call completed")));
            }

            if (!collector.Store(message, _ack))
            {
                Response.TrySetException(new RpcException(new Status(StatusCode.Aborted, "fenced: the sensor greeted again since")));
                return Task.FromException(new RpcException(new Status(StatusCode.Cancelled, "call completed")));
            }

            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            _ack.CommittedSequence = collector.Committed;
            if (loseAck)
            {
                Response.TrySetException(new RpcException(new Status(StatusCode.Unavailable, "ack lost by the test")));
            }
            else
            {
                Response.TrySetResult(_ack);
            }

            return Task.CompletedTask;
        }
    }
}
