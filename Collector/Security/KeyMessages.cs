namespace Ingest.Collector.Security;

/// <summary>The texts of the Unauthenticated answers, shared by the interceptor and the services' own check.</summary>
internal static class KeyMessages
{
    public const string NoKey = "no key: send 'authorization: Bearer <key>' with a key configured in Collector:Security:Keys";

    public const string Malformed = "malformed authorization header: send 'authorization: Bearer <key>'";

    public const string UnknownKey = "unknown key: the key sent in 'authorization: Bearer <key>' is not configured in Collector:Security:Keys";
}
