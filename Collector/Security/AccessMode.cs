namespace Ingest.Collector.Security;

/// <summary>Whether a side service (health, reflection) answers anyone or only callers with a key.</summary>
internal enum AccessMode
{
    /// <summary>Anyone may call, without a key.</summary>
    Open,

    /// <summary>Any configured key may call, whatever its role.</summary>
    Key,
}
