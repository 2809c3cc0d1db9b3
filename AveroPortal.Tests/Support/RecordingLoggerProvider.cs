using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Support;

/// <summary>Keeps every log line of a portal, so a test can see that a refusal was logged and with which reason.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public sealed record LogLine(string Category, LogLevel Level, string Message);

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public IEnumerable<string> Warnings(string category) =>
        _lines.Where(l => l.Level == LogLevel.Warning && l.Category == category).Select(l => l.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
            }
        }
    }
}
