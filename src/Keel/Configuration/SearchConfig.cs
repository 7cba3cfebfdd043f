using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>How search ranks chunks: BM25, vectors, or both fused.</summary>
internal sealed record SearchConfig
{
    /// <summary>lexical, vector or hybrid; unset means hybrid when embeddings are on, lexical when they are off.</summary>
    public RetrievalMode? Mode { get; init; }

    /// <summary>BM25 term-frequency saturation.</summary>
    [Range(0.0, 10.0)]
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25 length normalisation (0 = none, 1 = full).</summary>
    [Range(0.0, 1.0)]
    public double B { get; init; } = 0.75;

    /// <summary>How many results <c>keel search</c> prints.</summary>
    [Range(1, 1000)]
    public int TopK { get; init; } = 5;

    /// <summary>convex (scores mixed) or rrf (ranks mixed). Convex is the default: on SciFact, tuned on the train
    /// claims, it ranks better than RRF (bench/Keel.Bench hybrid).</summary>
    public FusionMethod Fusion { get; init; } = FusionMethod.Convex;

    /// <summary>Convex fusion's weight of the BM25 score (the cosine gets 1 − α), chosen on SciFact train.</summary>
    [Range(0.0, 1.0)]
    public double ConvexAlpha { get; init; } = 0.55;

    /// <summary>Reciprocal rank fusion's k: a hit at rank r adds weight / (k + r).</summary>
    [Range(1, 10_000)]
    public int RrfK { get; init; } = 60;

    /// <summary>Weight of the BM25 list in hybrid fusion.</summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>Weight of the vector list in hybrid fusion.</summary>
    [Range(0.0, 100.0)]
    public double VectorWeight { get; init; } = 1.0;

    /// <summary>Cosine similarity below which a chunk is not a vector hit: without it, vector search returns its k
    /// nearest chunks however unrelated they are.</summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; init; } = 0.25;

    /// <summary>How deep each list is read before fusion.</summary>
    [Range(1, 10_000)]
    public int FusionDepth { get; init; } = 100;

    /// <summary>A model that reorders the best hits; off unless set.</summary>
    public RerankConfig? Rerank { get; init; }
}
