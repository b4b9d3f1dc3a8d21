namespace Ingest.Dashboard.Model;

/// <summary>How the sensor table is ordered; ties are broken by sensor id.</summary>
internal enum SortOrder
{
    /// <summary>By sensor id.</summary>
    Id,

    /// <summary>By kind.</summary>
    Kind,

    /// <summary>Problems first: rejected (nothing of the sensor stored), offline, stale, unknown, live.</summary>
    Status,

    /// <summary>Highest readings per second first.</summary>
    Rate,

    /// <summary>Highest last value first.</summary>
    Last,
}
