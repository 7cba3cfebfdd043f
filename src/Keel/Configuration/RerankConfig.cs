using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>An optional second pass that reorders the best hits with a model (<c>search.rerank:</c>).</summary>
internal sealed record RerankConfig
{
    /// <summary>A model name from <c>models:</c> (or a route) that judges each hit's relevance.</summary>
    public required string Model { get; init; }

    /// <summary>How many of the first-pass hits the model sees.</summary>
    [Range(2, 100)]
    public int Candidates { get; init; } = 20;

    /// <summary>After this long the first-pass order is used instead.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
