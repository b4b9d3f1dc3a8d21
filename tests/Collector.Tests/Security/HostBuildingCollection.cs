namespace Ingest.Collector.Tests.Security;

/// <summary>Tests that build a host outside the test server; they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostBuildingCollection
{
    public const string Name = "Host building";
}
