using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>One target of a weighted or lowest-latency route: <c>{ model: a, weight: 90 }</c>.</summary>
internal sealed record RouteTargetConfig
{
    /// <summary>The configured model.</summary>
    public required string Model { get; init; }

    /// <summary>For <c>weighted</c>: the share of traffic, relative to the other targets' weights.</summary>
    [Range(1, 1_000_000)]
    public int Weight { get; init; } = 1;
}
