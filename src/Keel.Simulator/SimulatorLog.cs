using Microsoft.Extensions.Logging;

namespace Keel.Simulator;

/// <summary>The simulator's log messages: one line per request, no message content.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Route} {Model}: {Decision}")]
    public static partial void ChatAnswered(ILogger logger, string route, string model, ChatOutcome decision);
}
