using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Achats.Testing;

/// <summary>Every line a host logs, message, state and exception, kept for a test that checks what reached the logs.</summary>
public sealed class LogRecorder : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{formatter(state, exception)} {state} {exception}");

    public void Dispose()
    {
    }
}
