namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// Reads the records of one segment file and tells damage from a torn tail. A record that does not check
/// out is corruption when a good record follows it, and a torn tail (what a crash during an append
/// leaves) when nothing good follows it in the last segment, the only one still written when the
/// process stopped. Damage in an older segment's tail is corruption.
/// </summary>
internal static class SegmentScanner
{
    /// <summary>Scans a whole segment file's bytes.</summary>
    /// <exception cref="InvalidDataException">The segment was written by a newer format version.</exception>
    public static SegmentScan Scan(ReadOnlySpan<byte> data, bool isLast, string path)
    {
        var scan = new SegmentScan();
        if (data.Length < SpoolFormat.SegmentHeaderBytes)
        {
            // A crash while the segment was being created; in an older segment, damage.
            if (isLast)
            {
                scan.TornTailAt = 0;
            }
            else
            {
                scan.HeaderDamaged = true;
                scan.Corrupt.Add((0, data.Length));
            }

            return scan;
        }

        if (!SpoolFormat.TryReadSegmentHeader(data, out var version))
        {
            scan.HeaderDamaged = true;
            scan.Corrupt.Add((0, SpoolFormat.SegmentHeaderBytes));
        }
        else if (version != SpoolFormat.Version)
        {
            throw new InvalidDataException(
                $"The spool segment {path} has format version {version}; this simulator reads version {SpoolFormat.Version}. " +
                "Run the simulator version that wrote it, or point Simulator:Spool:Path at another directory.");
        }

        var at = SpoolFormat.SegmentHeaderBytes;
        while (at < data.Length)
        {
            var length = SpoolFormat.CheckRecord(data[at..]);
            if (length > 0)
            {
                if (SpoolFormat.Decode(data.Slice(at, length), at) is { } record)
                {
                    scan.Records.Add(record);
                }
                else
                {
                    scan.Corrupt.Add((at, length));
                }

                at += length;
                continue;
            }

            var next = FindNextRecord(data, at);
            if (next < 0)
            {
                if (isLast)
                {
                    scan.TornTailAt = at;
                }
                else
                {
                    scan.Corrupt.Add((at, data.Length - at));
                }

                break;
            }

            scan.Corrupt.Add((at, next - at));
            at = next;
        }

        return scan;
    }

    /// <summary>
    /// The offset of the first good record after a bad one at <paramref name="bad"/>, or -1 when none
    /// follows. A header that checks out gives its end as the first place to look.
    /// </summary>
    private static int FindNextRecord(ReadOnlySpan<byte> data, int bad)
    {
        var bodyLength = SpoolFormat.CheckHeader(data[bad..]);
        if (bodyLength > 0)
        {
            var end = (long)bad + SpoolFormat.RecordHeaderBytes + bodyLength;
            if (end < data.Length && SpoolFormat.CheckRecord(data[(int)end..]) > 0)
            {
                return (int)end;
            }
        }

        for (var at = bad + 1; at <= data.Length - SpoolFormat.RecordHeaderBytes; at++)
        {
            if (SpoolFormat.CheckRecord(data[at..]) > 0)
            {
                return at;
            }
        }

        return -1;
    }
}
