using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A model a route can send calls to.</summary>
/// <param name="Name">The configured model name, as it appears in <see cref="KeelPropertyNames.Model"/> and in rules.</param>
/// <param name="Client">The model's full pipeline. The routing client does not dispose it.</param>
public sealed record RouteTarget(string Name, IChatClient Client)
{
    /// <summary>The share of traffic for <see cref="RoutingStrategy.Weighted"/>, relative to the other targets' weights.</summary>
    /// <value>Default 1. Must be positive.</value>
    public int Weight { get; init; } = 1;
}
