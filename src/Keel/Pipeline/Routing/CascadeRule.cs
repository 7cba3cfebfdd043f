using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One rule of a <see cref="RoutingStrategy.Cascade"/> route: when every condition set holds, <see cref="Target"/> answers.</summary>
/// <remarks>A rule with no condition always matches. Rules are tried in order; the first match wins.</remarks>
public sealed record CascadeRule
{
    /// <summary>The name of the target (one of <see cref="RoutingOptions.Targets"/>) that answers when the rule matches.</summary>
    public required string Target { get; init; }

    /// <summary>Matches when the estimated input tokens (characters / 4 over all messages) are at most this many.</summary>
    /// <value>Default <see langword="null"/>: no limit.</value>
    public long? MaxInputTokens { get; init; }

    /// <summary>Matches when <c>ChatOptions.AdditionalProperties[</c><see cref="KeelPropertyNames.Tag"/><c>]</c> equals this value (ordinal).</summary>
    /// <value>Default <see langword="null"/>: any tag, or none.</value>
    public string? Tag { get; init; }

    /// <summary>Matches when this returns <see langword="true"/> for the call's messages and options.</summary>
    /// <value>Default <see langword="null"/>: no predicate.</value>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, bool>? Predicate { get; init; }
}
