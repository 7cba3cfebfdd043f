using Microsoft.Extensions.Logging;

namespace Keel.Simulator;

/// <summary>The state every endpoint shares: the planner, the clock, the stats and the server's stopping signal.</summary>
internal sealed class SimulatorContext(ReplyPlanner planner, SimulatorStats stats, TimeProvider timeProvider, int embeddingDimensions, ILogger logger, CancellationToken stopping)
{
    private long _ids;

    public ReplyPlanner Planner { get; } = planner;

    public SimulatorStats Stats { get; } = stats;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public int EmbeddingDimensions { get; } = embeddingDimensions;

    public CancellationToken Stopping { get; } = stopping;

    public ILogger Logger { get; } = logger;

    public string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref _ids):D6}";

    public long UnixNow => TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
