using System.Runtime.CompilerServices;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// The in-process collectors of this assembly do not watch their settings files: every watcher holds an inotify
/// instance, of which a user has 128 on a default Linux, and many collectors run at once here. Tests of the live
/// reload add a settings file of their own that is watched (<see cref="CollectorFactory.WithSettingsFile"/>).
/// </summary>
internal static class NoSettingsReload
{
    [ModuleInitializer]
    internal static void TurnOff() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
