using Microsoft.Extensions.Logging;

namespace Keel.Cli;

/// <summary>A logger that writes each message as one plain line to a writer (stderr for <c>keel sim</c>).</summary>
internal sealed class LineLogger(TextWriter writer, LogLevel minimum) : ILogger, ILoggerFactory
{
    private readonly Lock _lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = formatter(state, exception);
        lock (_lock)
        {
            writer.WriteLine(exception is null ? line : $"{line}: {exception.Message}");
            writer.Flush();
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LineLogger writes to its one writer.");

    public void Dispose()
    {
    }
}
