using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><see cref="RoutingStrategy.LowestLatency"/>: the target with the lowest moving average latency; untried
/// targets first, and every <see cref="RoutingOptions.ExploreEvery"/>th call the one tried least recently.</summary>
internal sealed class LowestLatencySelector : IRouteSelector
{
    private readonly double?[] _averageMs;
    private readonly long[] _lastPicked;
    private readonly double _smoothing;
    private readonly int _exploreEvery;
    private readonly TimeSpan _failureLatency;
    private readonly Lock _lock = new();
    private long _calls;

    public LowestLatencySelector(RoutingOptions options)
    {
        _averageMs = new double?[options.Targets.Count];
        _lastPicked = new long[options.Targets.Count];
        _smoothing = options.LatencySmoothing;
        _exploreEvery = options.ExploreEvery;
        _failureLatency = options.FailureLatency;
    }

    public int Select(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        lock (_lock)
        {
            _calls++;
            var pick = Untried() ?? (_calls % _exploreEvery == 0 && _averageMs.Length > 1 ? LeastRecent(Fastest()) : Fastest());
            _lastPicked[pick] = _calls;
            return pick;
        }
    }

    public void Report(int target, TimeSpan latency, bool failed)
    {
        var sample = (failed && latency < _failureLatency ? _failureLatency : latency).TotalMilliseconds;
        lock (_lock)
        {
            _averageMs[target] = _averageMs[target] is { } average ? average + (_smoothing * (sample - average)) : sample;
        }
    }

    private int? Untried()
    {
        for (var i = 0; i < _averageMs.Length; i++)
        {
            if (_averageMs[i] is null && _lastPicked[i] == 0)
            {
                return i;
            }
        }

        return null;
    }

    private int Fastest()
    {
        var best = 0;
        for (var i = 1; i < _averageMs.Length; i++)
        {
            if ((_averageMs[i] ?? double.MaxValue) < (_averageMs[best] ?? double.MaxValue))
            {
                best = i;
            }
        }

        return best;
    }

    private int LeastRecent(int except)
    {
        var pick = -1;
        for (var i = 0; i < _lastPicked.Length; i++)
        {
            if (i != except && (pick < 0 || _lastPicked[i] < _lastPicked[pick]))
            {
                pick = i;
            }
        }

        return pick;
    }
}
