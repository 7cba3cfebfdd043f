using System.Text;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><see cref="RoutingStrategy.Weighted"/>: a target drawn by weight, at random or by the hash of the route key.</summary>
internal sealed class WeightedSelector : IRouteSelector
{
    private readonly int[] _cumulative;
    private readonly Random _random;
    private readonly Lock _lock = new();

    public WeightedSelector(RoutingOptions options)
    {
        _cumulative = new int[options.Targets.Count];
        var total = 0;
        for (var i = 0; i < _cumulative.Length; i++)
        {
            total = checked(total + options.Targets[i].Weight);
            _cumulative[i] = total;
        }

        _random = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    public int Select(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var total = _cumulative[^1];
        int ticket;
        if (CascadeSelector.Read(options, KeelPropertyNames.RouteKey) is { } key)
        {
            ticket = (int)(Fnv1a(key) % (uint)total);
        }
        else
        {
            lock (_lock)
            {
                ticket = _random.Next(total);
            }
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (ticket < _cumulative[i])
            {
                return i;
            }
        }

        return _cumulative.Length - 1;
    }

    public void Report(int target, TimeSpan latency, bool failed)
    {
    }

    // A fixed hash (string.GetHashCode is randomised per process) so a key keeps its arm across restarts and machines.
    private static uint Fnv1a(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        // FNV's low bits mix poorly for short keys; fold the high half in before taking the remainder.
        return hash ^ (hash >> 16);
    }
}
