namespace Keel;

/// <summary>One rule of a cascade route: <c>{ when: { max_input_tokens: 2000 }, model: cheap }</c>.</summary>
internal sealed record RouteRuleConfig
{
    /// <summary>The conditions, all of which must hold; none means the rule always matches.</summary>
    public RouteConditionConfig When { get; init; } = new();

    /// <summary>The configured model that answers when the rule matches.</summary>
    public required string Model { get; init; }
}
