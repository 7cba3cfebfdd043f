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
    /// below it Keel answers "not found in the documents". Used when embeddings are off (see <see cref="MinScore"/>).
    /// The default was chosen on SciFact train claims against out-of-domain Cranfield queries (bench/Keel.Bench
    /// abstention).</summary>
    [Range(0.0, 1.0)]
    public double MinSupport { get; init; } = 0.37;

    /// <summary>With embeddings on, the weight of a sentence's meaning (its cosine similarity to the question) in its
    /// score; the rest is its word support (<see cref="MinSupport"/>'s measure). The default and
    /// <see cref="MinScore"/>'s were tuned together on SciFact train claims against Cranfield queries (bench/Keel.Bench
    /// abstention).</summary>
    [Range(0.0, 1.0)]
    public double MeaningWeight { get; init; } = 0.7;

    /// <summary>With embeddings on, the score (word support and meaning mixed by <see cref="MeaningWeight"/>) the best
    /// sentence must reach; below it Keel answers "not found in the documents". With embeddings off,
    /// <see cref="MinSupport"/> decides alone.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; init; } = 0.425;

    /// <summary>Support score (words and meaning, see <see cref="MeaningWeight"/>) an answer sentence needs against the
    /// passages it cites; below it the sentence is flagged as unsupported.</summary>
    [Range(0.0, 1.0)]
    public double MinCitationSupport { get; init; } = 0.5;

    /// <summary>A model name from <c>models:</c> that writes the answers; unset means extractive answers (no model).</summary>
    public string? Model { get; init; }
}
