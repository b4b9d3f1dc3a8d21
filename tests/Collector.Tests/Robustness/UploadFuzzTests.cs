using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Ingest.Collector.Codec;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Microsoft.Data.Sqlite;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>
/// Seeded random batches and random mutations of valid ones, over Upload and Write: every call ends with OK
/// or a documented status, and afterwards the storage holds exactly what was acknowledged and nothing rejected.
/// </summary>
public sealed class UploadFuzzTests : IDisposable
{
    private const int Seed = 424_242;
    private const int Workers = 4;
    private const int CallsPerWorker = 750;
    private const int MaxReadings = 200;
    private const int SensorsPerWorker = 6;

    private static readonly StatusCode[] Documented = [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted];

    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxReadingsPerBatch", MaxReadings.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:MaxMessageSizeBytes", "65536")
        .With("Collector:Ingestion:MaxSequenceJump", "50");

    // Per sensor: batches and readings the acknowledgements reported committed, and whether a failed call touched it.
    private readonly ConcurrentDictionary<string, (long Batches, long Readings)> _acked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unsettled = new(StringComparer.Ordinal);

    // Every batch the collector could have read, by sensor and sequence: what a stored chunk must be one of.
    private readonly ConcurrentDictionary<(string, long), ConcurrentBag<Wire.PackedReadings>> _sent = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentDictionary<StatusCode, int> _statuses = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task UploadAndWrite_RandomBatchesAndMutatedBytes_EndWithDocumentedStatuses_AndStorageHoldsExactlyWhatWasAcknowledged()
    {
        var invoker = _collector.Channel.CreateCallInvoker();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(() => RunWorkerAsync(invoker, worker))));

        // A run that never commits or never rejects proves nothing.
        Assert.True(_statuses.GetValueOrDefault(StatusCode.OK) > 0 && _statuses.GetValueOrDefault(StatusCode.InvalidArgument) > 0 && _acked.Values.Sum(a => a.Batches) > 0,
            $"seed {Seed}: the cases did not cover both outcomes: {string.Join(", ", _statuses)}");
        Assert.True(_violations.IsEmpty, $"seed {Seed}: {_violations.Count} calls ended outside the documented statuses:\n{string.Join("\n", _violations.Take(20))}");
        var storedSequences = AssertStorageConsistent();
        await AssertEverySequenceSettledOnceAsync(storedSequences);
        await _collector.AssertStillServingAsync();
    }

    private async Task RunWorkerAsync(CallInvoker invoker, int worker)
    {
        var random = new Random(Seed + worker);
        var next = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var call = 0; call < CallsPerWorker; call++)
        {
            var sensor = random.Next(20) == 0 ? RandomSensorId(random) : $"fz-{worker}-{random.Next(SensorsPerWorker)}";
            var batches = new List<Wire.ReadingBatch>();
            var count = random.Next(4) == 0 ? random.Next(2, 6) : 1;
            for (var i = 0; i < count; i++)
            {
                next.TryGetValue(sensor, out var last);
                var batch = RandomBatch(random, random.Next(25) == 0 ? $"fz-{worker}-{random.Next(SensorsPerWorker)}" : sensor, last + 1);
                next[sensor] = Math.Max(last, Math.Min(batch.Sequence, last + 1));
                batches.Add(batch);
            }

            var payloads = batches.Select(b => b.ToByteArray()).ToList();
            if (random.Next(5) == 0)
            {
                var index = random.Next(payloads.Count);
                payloads[index] = Mutate(random, payloads[index]);
            }

            var write = payloads.Count == 1 && random.Next(2) == 0;
            await SendAsync(invoker, write, payloads, call, worker);
        }
    }

    private async Task SendAsync(CallInvoker invoker, bool write, List<byte[]> payloads, int call, int worker)
    {
        // What the collector can read of each payload: a stored chunk must match one of these.
        var readable = new List<Wire.ReadingBatch>();
        foreach (var payload in payloads)
        {
            try
            {
                var batch = Wire.ReadingBatch.Parser.ParseFrom(payload);
                readable.Add(batch);
                if (batch.Readings is { } readings && batch.Sequence is > 0 and <= long.MaxValue)
                {
                    _sent.GetOrAdd((batch.SensorId, (long)batch.Sequence), _ => []).Add(readings);
                }
            }
            catch (InvalidProtocolBufferException)
            {
                break;
            }
        }

        var marshaller = Marshallers.Create<byte[]>(b => b, b => b);
        var options = new CallOptions(WireProtocol.Headers(), DateTime.UtcNow.Add(Eventually.DefaultTimeout));
        Wire.UploadAck? ack = null;
        Status status;
        try
        {
            byte[] reply;
            if (write)
            {
                reply = await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, "ingest.v1.Ingestion", "Write", marshaller, marshaller), null, options, payloads[0]);
            }
            else
            {
                using var upload = invoker.AsyncClientStreamingCall(new Method<byte[], byte[]>(MethodType.ClientStreaming, "ingest.v1.Ingestion", "Upload", marshaller, marshaller), null, options);
                try
                {
                    foreach (var payload in payloads)
                    {
                        await upload.RequestStream.WriteAsync(payload);
                    }

                    await upload.RequestStream.CompleteAsync();
                }
                catch (Exception ex) when (ex is RpcException or InvalidOperationException)
                {
                    // The collector ended the call early: its status says why.
                }

                reply = await upload;
            }

            ack = Wire.UploadAck.Parser.ParseFrom(reply);
            status = Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
        }

        _statuses.AddOrUpdate(status.StatusCode, 1, (_, n) => n + 1);
        if (!Documented.Contains(status.StatusCode))
        {
            _violations.Enqueue($"worker {worker} call {call} ({(write ? "Write" : "Upload")}): {status.StatusCode} {status.Detail}");
        }

        if (ack is not null && ack.SensorId.Length > 0)
        {
            _acked.AddOrUpdate(ack.SensorId, ((long)ack.BatchesCommitted, (long)ack.ReadingsCommitted),
                (_, sum) => (sum.Batches + (long)ack.BatchesCommitted, sum.Readings + (long)ack.ReadingsCommitted));
        }
        else
        {
            foreach (var batch in readable)
            {
                _unsettled[batch.SensorId] = true;
            }
        }
    }

    /// <summary>Checks every stored chunk against what was sent and acknowledged; returns each sensor's stored sequences.</summary>
    private Dictionary<string, HashSet<long>> AssertStorageConsistent()
    {
        var latest = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds() * 1000;
        var stored = new Dictionary<string, (long Batches, long Readings)>(StringComparer.Ordinal);
        var sequences = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={_collector.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sensor_id, sequence, reading_count, encoding, readings FROM chunks";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (sensor, sequence, count) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            var where = $"seed {Seed}: chunk {sensor}#{sequence}";
            Assert.True(reader.GetInt32(3) == ChunkCodec.Encoding, $"{where} has encoding {reader.GetInt32(3)}");
            var (timestamps, values) = ChunkCodec.Decode(reader.GetInt32(3), (byte[])reader.GetValue(4));
            Assert.True(timestamps.Length == count && count is > 0 and <= MaxReadings, $"{where} decodes to {timestamps.Length} readings, its row says {count}");
            Assert.True(values.All(double.IsFinite), $"{where} stores a value that is not finite");
            Assert.True(timestamps.All(t => t >= Ingest.Collector.Ingestion.BatchValidator.EarliestMicros && t <= latest), $"{where} stores a timestamp out of range");
            Assert.True(_sent.TryGetValue((sensor, sequence), out var candidates) && candidates.Any(c => c.Values.SequenceEqual(values)),
                $"{where} matches no batch that was sent");
            var sum = stored.GetValueOrDefault(sensor);
            stored[sensor] = (sum.Batches + 1, sum.Readings + count);
            if (!sequences.TryGetValue(sensor, out var seen))
            {
                sequences[sensor] = seen = [];
            }

            Assert.True(seen.Add(sequence), $"{where} is stored twice");
        }

        foreach (var sensor in stored.Keys.Union(_acked.Keys))
        {
            var have = stored.GetValueOrDefault(sensor);
            var acked = _acked.GetValueOrDefault(sensor);
            if (_unsettled.ContainsKey(sensor))
            {
                // A call that failed may have committed batches it could not acknowledge; never fewer than acknowledged.
                Assert.True(have.Batches >= acked.Batches && have.Readings >= acked.Readings,
                    $"seed {Seed}: {sensor} stores {have} but acknowledgements reported {acked}");
            }
            else
            {
                Assert.True(have == acked, $"seed {Seed}: {sensor} stores {have} (batches, readings) but acknowledgements reported {acked}");
            }
        }

        return sequences;
    }

    /// <summary>
    /// The exact check, for every sensor with stored chunks whether or not a failed call touched it: the sequences
    /// 1..committed (the collector's greeting) are each settled exactly once, stored, rejected or recorded as lost,
    /// and nothing above committed is stored.
    /// </summary>
    private async Task AssertEverySequenceSettledOnceAsync(Dictionary<string, HashSet<long>> storedSequences)
    {
        var rejected = ReadSequences("SELECT sensor_id, sequence, sequence FROM rejects");
        var lost = ReadSequences("SELECT sensor_id, first_sequence, last_sequence FROM gaps");
        foreach (var (sensor, stored) in storedSequences)
        {
            var committed = (long)(await _collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensor))).CommittedSequence;
            var rejects = rejected.GetValueOrDefault(sensor) ?? [];
            Assert.True(!stored.Overlaps(rejects), $"seed {Seed}: {sensor} stores sequences it rejected: {string.Join(", ", stored.Intersect(rejects))}");
            var settled = stored.Concat(rejects).Concat(lost.GetValueOrDefault(sensor) ?? []).Order().ToList();
            Assert.True(settled.SequenceEqual(Enumerable.Range(1, (int)committed).Select(s => (long)s)),
                $"seed {Seed}: {sensor} committed up to {committed}, but its stored, rejected and lost sequences are {string.Join(", ", settled)}");
        }

        // Enough sensors were compared exactly for the check to mean something.
        Assert.True(storedSequences.Count >= Workers * SensorsPerWorker / 2, $"seed {Seed}: only {storedSequences.Count} sensors stored anything");
    }

    /// <summary>Per sensor, every sequence of the (sensor, first, last) rows <paramref name="sql"/> selects.</summary>
    private Dictionary<string, List<long>> ReadSequences(string sql)
    {
        var result = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={_collector.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (sensor, first, last) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            Assert.True(last - first < 1_000, $"seed {Seed}: {sensor} has a settled range {first}..{last} far longer than the sequence jumps allowed");
            var list = result.TryGetValue(sensor, out var existing) ? existing : result[sensor] = [];
            for (var sequence = first; sequence <= last; sequence++)
            {
                list.Add(sequence);
            }
        }

        return result;
    }

    private static Wire.ReadingBatch RandomBatch(Random random, string sensor, ulong expected)
    {
        var sequence = random.Next(12) switch
        {
            0 => 0UL,
            1 => ulong.MaxValue - (ulong)random.Next(3),
            2 => (ulong)long.MaxValue + 1,
            3 => expected + (ulong)random.Next(2, 200),
            4 => expected > 1 ? (ulong)random.Next(1, (int)Math.Min(expected, int.MaxValue)) : expected,
            _ => expected,
        };
        var count = random.Next(10) == 0 ? random.Next(0, MaxReadings * 2) : random.Next(1, 50);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() * 1000;
        var readings = new Wire.PackedReadings
        {
            BaseTimeUnixMicros = random.Next(15) switch
            {
                0 => random.NextInt64(long.MinValue, long.MaxValue),
                1 => new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000,
                2 => now + TimeSpan.FromDays(random.Next(1, 1000)).Ticks / 10,
                _ => now - random.NextInt64(0, 1_000_000_000),
            },
        };
        for (var i = 0; i < count; i++)
        {
            readings.TimeDeltasMicros.Add(random.Next(40) == 0 ? random.NextInt64(long.MinValue / 2, long.MaxValue / 2) : random.Next(0, 10_000));
            readings.Values.Add(random.Next(60) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                3 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                _ => random.NextDouble() * 100,
            });
        }

        if (count > 0 && random.Next(30) == 0)
        {
            readings.TimeDeltasMicros.RemoveAt(0);
        }

        return new Wire.ReadingBatch { SensorId = sensor, Sequence = sequence, Readings = readings };
    }

    private static string RandomSensorId(Random random) => random.Next(5) switch
    {
        0 => "",
        1 => new string('x', random.Next(129, 100_000)),
        2 => "sensör-ü-😀-" + random.Next(),
        3 => new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(1, 0xD7FF)).ToArray()),
        _ => "bad id;" + random.Next(),
    };

    private static byte[] Mutate(Random random, byte[] payload)
    {
        var bytes = payload.ToList();
        for (var i = random.Next(1, 6); i > 0 && bytes.Count > 0; i--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes[at] ^= (byte)(1 << random.Next(8)); break;
            }
        }

        return [.. bytes];
    }
}
