using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>Keeps every log line of a portal or a unit under test, so a test can assert that a refusal names its reason.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines.Select(l => (l.Level, l.Category, l.Message))];

    /// <summary>The lines logged with an exception object (whose stack trace and message a log sink would write out).</summary>
    public IReadOnlyList<(string Category, string Message, Exception Exception)> WithExceptions =>
        [.. _lines.Where(l => l.Exception is not null).Select(l => (l.Category, l.Message, l.Exception!))];

    public IEnumerable<string> Warnings => Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message);

    /// <summary>The warnings of one logger category (for example the bad-request handling's own).</summary>
    public IEnumerable<string> WarningsOf(string category) =>
        Lines.Where(l => l.Level == LogLevel.Warning && l.Category == category).Select(l => l.Message);

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    /// <summary>Registers this provider in a portal's services (for PortalFactory.ConfigureServices).</summary>
    public void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ILoggerProvider>(services, this);

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._lines.Enqueue((logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
