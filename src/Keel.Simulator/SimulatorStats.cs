using System.Collections.Concurrent;

namespace Keel.Simulator;

/// <summary>What a running simulator has served: request counts per route and faults injected. Thread-safe.</summary>
public sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<string, int> _routes = new(StringComparer.Ordinal);
    private int _total;
    private int _faults;

    internal SimulatorStats()
    {
    }

    /// <summary>Gets the number of requests received on every route.</summary>
    public int TotalRequests => Volatile.Read(ref _total);

    /// <summary>Gets the number of faults injected, scripted or random.</summary>
    public int FaultsInjected => Volatile.Read(ref _faults);

    /// <summary>Gets a snapshot of request counts keyed by route, e.g. <c>POST /v1/chat/completions</c>.</summary>
    public IReadOnlyDictionary<string, int> Requests => new Dictionary<string, int>(_routes, StringComparer.Ordinal);

    /// <summary>Returns how many requests a route received.</summary>
    /// <param name="route">Method and path, e.g. <c>POST /v1/messages</c>.</param>
    /// <returns>The count, 0 for a route never called.</returns>
    public int Count(string route) => _routes.TryGetValue(route, out var count) ? count : 0;

    internal void Record(string route)
    {
        Interlocked.Increment(ref _total);
        _routes.AddOrUpdate(route, 1, (_, count) => count + 1);
    }

    internal void RecordFault() => Interlocked.Increment(ref _faults);
}
