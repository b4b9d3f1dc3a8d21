namespace Ingest.Dashboard.Errors;

/// <summary>The dashboard's process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done, or quit by the user in a live view.</summary>
    public const int Success = 0;

    /// <summary>A bad command line or setting, or an unexpected failure.</summary>
    public const int UsageOrFailure = 1;

    /// <summary>The collector could not be reached (within <c>--timeout</c> for <c>--once</c>, <c>config</c> and <c>command</c>).</summary>
    public const int CollectorUnreachable = 2;

    /// <summary>
    /// The collector answered with an error; or <c>config set --wait</c> saw a sensor reject the change or timed out;
    /// or <c>command</c> reached no sensor.
    /// </summary>
    public const int CollectorError = 3;

    /// <summary>
    /// The collector refused the key (<c>Unauthenticated</c> or <c>PermissionDenied</c>) of <c>--once</c>, <c>export</c>,
    /// <c>config</c> or <c>command</c>: set <c>Dashboard:ApiKey</c> or <c>Dashboard:AdminKey</c>, or pass <c>--key</c>.
    /// </summary>
    public const int KeyRefused = 4;

    /// <summary>Interrupted (Ctrl-C, SIGTERM) before <c>--once</c>, <c>export</c>, <c>config</c> or <c>command</c> finished.</summary>
    public const int Interrupted = 130;
}
