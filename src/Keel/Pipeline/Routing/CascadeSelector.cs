using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><see cref="RoutingStrategy.Cascade"/>: the first matching rule's target, else the default.</summary>
internal sealed class CascadeSelector : IRouteSelector
{
    private readonly CascadeRule[] _rules;
    private readonly int[] _ruleTargets;
    private readonly int _default;

    public CascadeSelector(RoutingOptions options)
    {
        var index = options.Targets.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _rules = [.. options.Rules];
        _ruleTargets = [.. _rules.Select(r => index[r.Target])];
        _default = index[options.Default!];
    }

    public int Select(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        long? tokens = null;
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.MaxInputTokens is { } max && (tokens ??= TokenEstimator.FromMessages(messages)) > max)
            {
                continue;
            }

            if (rule.Tag is { } tag && !string.Equals(Read(options, KeelPropertyNames.Tag), tag, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.Predicate is { } predicate && !predicate(messages, options))
            {
                continue;
            }

            return _ruleTargets[i];
        }

        return _default;
    }

    public void Report(int target, TimeSpan latency, bool failed)
    {
    }

    internal static string? Read(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true ? value?.ToString() : null;
}
