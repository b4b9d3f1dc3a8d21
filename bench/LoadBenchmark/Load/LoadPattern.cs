namespace Ingest.LoadBenchmark.Load;

/// <summary>The ways the benchmark drives the collector, compared in one run.</summary>
internal enum LoadPattern
{
    /// <summary>One unary <c>Ingestion.Write</c> call per reading.</summary>
    Naive,

    /// <summary>Client-streamed batches into <c>Sink.Discard</c>, which only parses them: the transport ceiling.</summary>
    Ceiling,

    /// <summary>Client-streamed batches on <c>Ingestion.Upload</c>: validation, dedupe, durable commit, aggregation, ack.</summary>
    Full,
}
