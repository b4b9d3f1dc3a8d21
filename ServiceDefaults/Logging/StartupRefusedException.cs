namespace Ingest.ServiceDefaults.Logging;

/// <summary>
/// A program refuses to start for a reason its operator must act on, said in full in <see cref="Exception.Message"/>
/// (what is wrong and what to do). <see cref="LoggingSetup.RunIngestProgramAsync"/> logs it as that one message, without
/// a stack trace, which would only bury it, and the host's own report of it is left out.
/// </summary>
public sealed class StartupRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
