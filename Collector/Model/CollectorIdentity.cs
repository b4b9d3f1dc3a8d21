using System.Reflection;

namespace Ingest.Collector.Model;

/// <summary>Who this collector process is: an id that changes with every start, and its version.</summary>
internal sealed class CollectorIdentity
{
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    public string Version { get; } =
        typeof(CollectorIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
