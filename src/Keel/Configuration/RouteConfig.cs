using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One named route in <c>keel.yaml</c>'s <c>routes:</c> section: a name callers use like a model.</summary>
internal sealed record RouteConfig
{
    /// <summary><c>cascade</c>, <c>weighted</c> or <c>lowest-latency</c>.</summary>
    public required RoutingStrategy Strategy { get; init; }

    /// <summary>For <c>cascade</c>: rules tried in order; the first whose conditions all hold names the model.</summary>
    public IReadOnlyList<RouteRuleConfig> Rules { get; init; } = [];

    /// <summary>For <c>cascade</c>: the model that answers when no rule matches.</summary>
    public string? Default { get; init; }

    /// <summary>For <c>weighted</c> and <c>lowest-latency</c>: the models to choose between.</summary>
    public IReadOnlyList<RouteTargetConfig> Targets { get; init; } = [];

    /// <summary>Seeds the weighted split so a run can be repeated; unset means random.</summary>
    public int? Seed { get; init; }

    /// <summary>For <c>lowest-latency</c>: every this many calls, the model tried least recently answers.</summary>
    [Range(2, 1_000_000)]
    public int ExploreEvery { get; init; } = 10;

    /// <summary>The models this route sends calls to, each once, in file order.</summary>
    public IEnumerable<string> ModelNames() =>
        Strategy == RoutingStrategy.Cascade
            ? Rules.Select(r => r.Model).Append(Default ?? "").Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)
            : Targets.Select(t => t.Model).Distinct(StringComparer.Ordinal);

    /// <summary>The library options for this route, with each model's client from <paramref name="client"/>.</summary>
    public RoutingOptions ToRoutingOptions(string name, Func<string, IChatClient> client) => new()
    {
        Name = name,
        Strategy = Strategy,
        Targets = Strategy == RoutingStrategy.Cascade
            ? [.. ModelNames().Select(m => new RouteTarget(m, client(m)))]
            : [.. Targets.Select(t => new RouteTarget(t.Model, client(t.Model)) { Weight = t.Weight })],
        Rules = [.. Rules.Select(r => new CascadeRule { Target = r.Model, MaxInputTokens = r.When.MaxInputTokens, Tag = r.When.Tag })],
        Default = Default,
        Seed = Seed,
        ExploreEvery = ExploreEvery,
    };
}
