using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>How <c>keel ask</c> retrieves, answers and abstains.</summary>
internal sealed record AskConfig
{
    /// <summary>How many top chunks the answer may draw from.</summary>
    [Range(1, 100)]
    public int TopK { get; init; } = 5;

    /// <summary>Most sentences in an extractive answer.</summary>
    [Range(1, 20)]
    public int MaxSentences { get; init; } = 3;

    /// <summary>Share of the question's information (IDF-weighted terms) the best passage must contain;
    /// below it Keel answers "not found in the documents". The default was chosen on SciFact train claims against
    /// out-of-domain Cranfield queries (bench/Keel.Bench abstention).</summary>
    [Range(0.0, 1.0)]
    public double MinSupport { get; init; } = 0.37;

    /// <summary>A model name from <c>models:</c> that writes the answers; unset means extractive answers (no model).</summary>
    public string? Model { get; init; }
}
