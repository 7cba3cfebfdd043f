namespace Keel;

/// <summary>How search ranks chunks.</summary>
public enum RetrievalMode
{
    /// <summary>BM25 over words only.</summary>
    Lexical,

    /// <summary>Embedding similarity only.</summary>
    Vector,

    /// <summary>Both lists fused with reciprocal rank fusion.</summary>
    Hybrid,
}
