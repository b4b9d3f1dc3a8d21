namespace Ingest.Collector.Storage;

/// <summary>A batch could not be committed because storage failed or the collector is stopping.</summary>
internal sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
