using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The spool's file format, version 1. All integers are little-endian; "varint" is unsigned LEB128.
/// <para>
/// A spool directory holds <c>spool.lock</c> (held exclusively by the one process using the spool) and
/// segment files <c>segment-{id:D12}.spool</c>, ids increasing. Each segment starts with a 16-byte header:
/// the magic <c>ISPL</c>, a u16 format version (1), two zero bytes and the u64 segment id; records follow,
/// appended only.
/// </para>
/// <para>
/// A record is a 12-byte header — u32 body length, u32 CRC-32 of the body, u32 CRC-32 of the first eight
/// header bytes — and the body. The header checksum makes the length trustworthy on its own, so that a
/// record whose body is damaged is skipped by its length; a damaged header is skipped by scanning for the
/// next position where a whole record checks out. (System.IO.Hashing offers CRC-32 (IEEE), CRC-64 and
/// xxHash, not CRC-32C; CRC-32 detects every error of up to 32 consecutive bits.)
/// </para>
/// <para>
/// The body is a kind byte (<see cref="SpoolRecordKind"/>), the sensor id (varint byte count, UTF-8) and
/// the varint sequence. A <see cref="SpoolRecordKind.Batch"/> body goes on with the varint reading count
/// and, when there is at least one reading, the first timestamp (i64 microseconds), the other timestamps
/// as zigzag varint deltas from the one before, and every value as the 8 bytes of its IEEE 754 bits, so
/// that values come back bit for bit (-0.0, subnormals, NaN payloads). A <see cref="SpoolRecordKind.SealedCount"/>
/// body (a spool that keeps no readings, <see cref="SpoolOptions.KeepReadings"/>) goes on with the varint reading
/// count and ends there. Settled and high-water bodies end after the sequence.
/// </para>
/// <para>
/// The sealed-count kind came after the first release of version 1 and left the version as it was: every
/// segment written before it reads as it did. A simulator that predates the kind skips such a record as damaged
/// (counted and logged), so a spool that holds count-only batches should not be handed back to one.
/// </para>
/// </summary>
internal static class SpoolFormat
{
    /// <summary>The format version this code writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Bytes of a segment header.</summary>
    public const int SegmentHeaderBytes = 16;

    /// <summary>Bytes of a record header.</summary>
    public const int RecordHeaderBytes = 12;

    /// <summary>The longest sensor id, in UTF-8 bytes.</summary>
    public const int MaxSensorIdBytes = 1024;

    /// <summary>The largest body a reader accepts: anything longer is a damaged length.</summary>
    public const int MaxBodyBytes = 256 * 1024 * 1024;

    /// <summary>The file that one process holds exclusively while it uses the spool.</summary>
    public const string LockFileName = "spool.lock";

    private const string SegmentPrefix = "segment-";
    private const string SegmentExtension = ".spool";
    private static ReadOnlySpan<byte> Magic => "ISPL"u8;

    /// <summary>The file name of segment <paramref name="id"/>.</summary>
    public static string SegmentFileName(long id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{SegmentPrefix}{id:D12}{SegmentExtension}");

    /// <summary>The id of a segment file name, or false when the name is not one.</summary>
    public static bool TryParseSegmentFileName(string fileName, out long id)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        id = 0;
        return fileName.StartsWith(SegmentPrefix, StringComparison.Ordinal)
            && fileName.EndsWith(SegmentExtension, StringComparison.Ordinal)
            && long.TryParse(
                fileName.AsSpan(SegmentPrefix.Length, fileName.Length - SegmentPrefix.Length - SegmentExtension.Length),
                System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The header of segment <paramref name="id"/>.</summary>
    public static byte[] SegmentHeader(long id)
    {
        var header = new byte[SegmentHeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), id);
        return header;
    }

    /// <summary>Whether <paramref name="header"/> starts with the magic; <paramref name="version"/> is the version it names.</summary>
    public static bool TryReadSegmentHeader(ReadOnlySpan<byte> header, out ushort version)
    {
        version = 0;
        if (header.Length < SegmentHeaderBytes || !header[..4].SequenceEqual(Magic))
        {
            return false;
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        return true;
    }

    /// <summary>The UTF-8 bytes of a sensor id, checked against the limits.</summary>
    public static byte[] SensorIdBytes(string sensorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sensorId);
        var bytes = Encoding.UTF8.GetBytes(sensorId);
        if (bytes.Length > MaxSensorIdBytes)
        {
            throw new ArgumentException($"A sensor id is at most {MaxSensorIdBytes} UTF-8 bytes.", nameof(sensorId));
        }

        return bytes;
    }

    /// <summary>The bytes of a settled or high-water record for this sensor and sequence.</summary>
    public static int SmallRecordBytes(int sensorIdBytes, ulong sequence) =>
        RecordHeaderBytes + 1 + VarintBytes((ulong)sensorIdBytes) + sensorIdBytes + VarintBytes(sequence);

    /// <summary>The most bytes a batch record of <paramref name="readings"/> readings can take.</summary>
    public static int MaxBatchRecordBytes(int sensorIdBytes, int readings) =>
        checked(RecordHeaderBytes + 1 + 2 + sensorIdBytes + 10 + 5 + 8 + (readings * (10 + 8)));

    /// <summary>The bytes of a sealed-count record for this sensor, sequence and reading count.</summary>
    public static int SealedCountRecordBytes(int sensorIdBytes, ulong sequence, int readings) =>
        SmallRecordBytes(sensorIdBytes, sequence) + VarintBytes((ulong)readings);

    /// <summary>Writes a batch record into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteBatch(Span<byte> destination, ReadOnlySpan<byte> sensorId, SealedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var body = destination[RecordHeaderBytes..];
        var at = WriteStart(body, SpoolRecordKind.Batch, sensorId, batch.Sequence);
        var readings = batch.Readings;
        at += WriteVarint(body[at..], (ulong)readings.Count);
        if (readings.Count > 0)
        {
            var previous = readings[0].TimestampMicros;
            BinaryPrimitives.WriteInt64LittleEndian(body[at..], previous);
            at += 8;
            for (var i = 1; i < readings.Count; i++)
            {
                var timestamp = readings[i].TimestampMicros;
                at += WriteVarint(body[at..], ZigZag(unchecked(timestamp - previous)));
                previous = timestamp;
            }

            for (var i = 0; i < readings.Count; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(body[at..], BitConverter.DoubleToInt64Bits(readings[i].Value));
                at += 8;
            }
        }

        return Seal(destination, at);
    }

    /// <summary>
    /// Writes a sealed-count record — the batch's sequence and reading count, none of its readings — into
    /// <paramref name="destination"/> and returns its length.
    /// </summary>
    public static int WriteSealedCount(Span<byte> destination, ReadOnlySpan<byte> sensorId, ulong sequence, int readings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(readings);
        var body = destination[RecordHeaderBytes..];
        var at = WriteStart(body, SpoolRecordKind.SealedCount, sensorId, sequence);
        at += WriteVarint(body[at..], (ulong)readings);
        return Seal(destination, at);
    }

    /// <summary>Writes a settled or high-water record into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteSmall(Span<byte> destination, SpoolRecordKind kind, ReadOnlySpan<byte> sensorId, ulong sequence)
    {
        var at = WriteStart(destination[RecordHeaderBytes..], kind, sensorId, sequence);
        return Seal(destination, at);
    }

    /// <summary>
    /// The length of the whole record at the start of <paramref name="data"/> when its header and body
    /// check out; 0 otherwise (torn, damaged, or not a record).
    /// </summary>
    public static int CheckRecord(ReadOnlySpan<byte> data)
    {
        var bodyLength = CheckHeader(data);
        if (bodyLength == 0 || data.Length - RecordHeaderBytes < bodyLength)
        {
            return 0;
        }

        var body = data.Slice(RecordHeaderBytes, bodyLength);
        return Crc32.HashToUInt32(body) == BinaryPrimitives.ReadUInt32LittleEndian(data[4..])
            ? RecordHeaderBytes + bodyLength
            : 0;
    }

    /// <summary>The body length a record header states when the header checks out; 0 otherwise.</summary>
    public static int CheckHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < RecordHeaderBytes
            || Crc32.HashToUInt32(data[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(data[8..]))
        {
            return 0;
        }

        var bodyLength = BinaryPrimitives.ReadUInt32LittleEndian(data);
        return bodyLength is >= 1 and <= MaxBodyBytes ? (int)bodyLength : 0;
    }

    /// <summary>
    /// Decodes a record that <see cref="CheckRecord"/> accepted; null when its body does not parse (a
    /// record of a kind or shape this version does not know).
    /// </summary>
    public static SpoolRecord? Decode(ReadOnlySpan<byte> record, long offset)
    {
        var body = record[RecordHeaderBytes..];
        var kind = (SpoolRecordKind)body[0];
        var at = 1;
        if (kind is not (SpoolRecordKind.Batch or SpoolRecordKind.SealedCount or SpoolRecordKind.Settled or SpoolRecordKind.HighWater)
            || !TryReadVarint(body, ref at, out var idLength)
            || idLength is 0 or > MaxSensorIdBytes
            || (ulong)(body.Length - at) < idLength)
        {
            return null;
        }

        var sensorId = Encoding.UTF8.GetString(body.Slice(at, (int)idLength));
        at += (int)idLength;
        if (!TryReadVarint(body, ref at, out var sequence))
        {
            return null;
        }

        switch (kind)
        {
            case SpoolRecordKind.Batch:
                var readings = TryReadReadings(body, at);
                return readings is null
                    ? null
                    : new SpoolRecord(kind, sensorId, sequence, new SealedBatch(sequence, readings), readings.Length, offset, record.Length);
            case SpoolRecordKind.SealedCount:
                return TryReadVarint(body, ref at, out var count) && count <= int.MaxValue && at == body.Length
                    ? new SpoolRecord(kind, sensorId, sequence, null, (int)count, offset, record.Length)
                    : null;
            default:
                return at == body.Length ? new SpoolRecord(kind, sensorId, sequence, null, 0, offset, record.Length) : null;
        }
    }

    private static Reading[]? TryReadReadings(ReadOnlySpan<byte> body, int at)
    {
        if (!TryReadVarint(body, ref at, out var count) || count > (ulong)body.Length)
        {
            return null;
        }

        var readings = new Reading[(int)count];
        if (count == 0)
        {
            return at == body.Length ? readings : null;
        }

        if (body.Length - at < 8)
        {
            return null;
        }

        var timestamp = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
        at += 8;
        var timestamps = new long[readings.Length];
        timestamps[0] = timestamp;
        for (var i = 1; i < timestamps.Length; i++)
        {
            if (!TryReadVarint(body, ref at, out var delta))
            {
                return null;
            }

            timestamp = unchecked(timestamp + UnZigZag(delta));
            timestamps[i] = timestamp;
        }

        if (body.Length - at != readings.Length * 8L)
        {
            return null;
        }

        for (var i = 0; i < readings.Length; i++, at += 8)
        {
            readings[i] = new Reading(timestamps[i], BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(body[at..])));
        }

        return readings;
    }

    private static int WriteStart(Span<byte> body, SpoolRecordKind kind, ReadOnlySpan<byte> sensorId, ulong sequence)
    {
        body[0] = (byte)kind;
        var at = 1 + WriteVarint(body[1..], (ulong)sensorId.Length);
        sensorId.CopyTo(body[at..]);
        at += sensorId.Length;
        return at + WriteVarint(body[at..], sequence);
    }

    /// <summary>Fills in the header of a record whose body of <paramref name="bodyLength"/> bytes is written.</summary>
    private static int Seal(Span<byte> record, int bodyLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(record.Slice(RecordHeaderBytes, bodyLength)));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], Crc32.HashToUInt32(record[..8]));
        return RecordHeaderBytes + bodyLength;
    }

    private static int VarintBytes(ulong value)
    {
        var bytes = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            bytes++;
        }

        return bytes;
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[at++] = (byte)value;
        return at;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> source, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < source.Length; shift += 7)
        {
            var b = source[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
