using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>The <c>when:</c> of a cascade rule.</summary>
internal sealed record RouteConditionConfig
{
    /// <summary>Matches when the estimated input tokens (characters / 4) are at most this many.</summary>
    [Range(0, int.MaxValue)]
    public int? MaxInputTokens { get; init; }

    /// <summary>Matches when the call's <c>keel.tag</c> option equals this value.</summary>
    public string? Tag { get; init; }
}
