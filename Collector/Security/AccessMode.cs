namespace Ingest.Collector.Security;

/// <summary>Whether a side service (health, reflection, the metrics scrape) answers anyone or only callers with a key.</summary>
internal enum AccessMode
{
    /// <summary>Anyone may call, without a key.</summary>
    Open,

    /// <summary>Any configured key may call, whatever its role; the metrics scrape wants a viewer or admin key.</summary>
    Key,
}
