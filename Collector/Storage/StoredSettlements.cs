using System.Data.Common;

namespace Ingest.Collector.Storage;

/// <summary>The rejections and gaps recorded for a range of one sensor's sequences, in sequence order.</summary>
internal sealed record StoredSettlements(IReadOnlyList<RejectedBatchRecord> Rejected, IReadOnlyList<SequenceGapRecord> Gaps)
{
    /// <summary>
    /// Reads them from <paramref name="reader"/>, whichever engine: first the rejections (<c>sequence, reading_count,
    /// reason</c>), then, as the next result, the gaps (<c>first_sequence, last_sequence, reason</c>).
    /// </summary>
    public static async Task<StoredSettlements> ReadAsync(DbDataReader reader, string sensorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rejected = new List<RejectedBatchRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rejected.Add(new RejectedBatchRecord(sensorId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var gaps = new List<SequenceGapRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gaps.Add(new SequenceGapRecord(sensorId, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return new StoredSettlements(rejected, gaps);
    }
}
