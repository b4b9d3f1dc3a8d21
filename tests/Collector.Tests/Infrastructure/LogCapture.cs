using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Keeps every log message of the collector, for tests that look for one.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _categorized = new();

    /// <summary>Every message, with the exception logged with it (whose stack trace a log line would carry).</summary>
    public IReadOnlyCollection<(LogLevel Level, string Message, Exception? Exception)> Entries => _entries;

    /// <summary>The messages of loggers whose category starts with <paramref name="categoryPrefix"/> (e.g. the collector's own, <c>Ingest.</c>).</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> From(string categoryPrefix) =>
        [.. _categorized.Where(e => e.Category.StartsWith(categoryPrefix, StringComparison.Ordinal)).Select(e => (e.Level, e.Message))];

    public bool Contains(LogLevel level, string text) =>
        _entries.Any(e => e.Level == level && e.Message.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            capture._entries.Enqueue((logLevel, message, exception));
            capture._categorized.Enqueue((category, logLevel, message));
        }
    }
}
