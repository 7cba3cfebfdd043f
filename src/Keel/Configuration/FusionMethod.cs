namespace Keel;

/// <summary>How hybrid search merges the BM25 and vector lists.</summary>
internal enum FusionMethod
{
    /// <summary>α·BM25 + (1 − α)·cosine, each min-max normalised over its own list.</summary>
    Convex,

    /// <summary>Reciprocal rank fusion: ranks only, scores ignored.</summary>
    Rrf,
}
