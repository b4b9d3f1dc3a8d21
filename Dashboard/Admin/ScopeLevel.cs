namespace Ingest.Dashboard.Admin;

/// <summary>How wide a <see cref="ConfigScope"/> is.</summary>
internal enum ScopeLevel
{
    /// <summary>Every sensor.</summary>
    All,

    /// <summary>Every sensor of one kind.</summary>
    Kind,

    /// <summary>One sensor.</summary>
    Sensor,
}
