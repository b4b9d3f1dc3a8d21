namespace Ingest.Dashboard.Model;

/// <summary>Which collector process answers: its instance id changes every time it starts.</summary>
internal sealed record CollectorIdentity(string InstanceId, string Version);
