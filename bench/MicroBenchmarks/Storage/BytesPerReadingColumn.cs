using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ingest.MicroBenchmarks.Storage;

/// <summary>The size of a <see cref="ChunkCodecBenchmarks"/> case's chunk, in bytes per reading.</summary>
internal sealed class BytesPerReadingColumn : IColumn
{
    public string Id => nameof(BytesPerReadingColumn);

    public string ColumnName => "Bytes/reading";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Size of the encoded chunk divided by its readings";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var batchSize = (int)benchmarkCase.Parameters[nameof(ChunkCodecBenchmarks.BatchSize)];
        var encoding = (int)benchmarkCase.Parameters[nameof(ChunkCodecBenchmarks.Encoding)];
        var data = (ChunkData)benchmarkCase.Parameters[nameof(ChunkCodecBenchmarks.Data)];
        var (timestamps, values) = ChunkCodecBenchmarks.Readings(data, batchSize);
        var bytes = ChunkCodecBenchmarks.Encode(encoding, timestamps, values).Length;
        return ((double)bytes / batchSize).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
