namespace Keel;

/// <summary>Per-question settings; unset values come from <c>keel.yaml</c>.</summary>
public sealed record AskOptions
{
    /// <summary>Files or folders to ingest (incrementally) before answering; empty to answer from the index as it is.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>How many top passages the answer may draw from; null uses <c>ask.top_k</c>.</summary>
    public int? TopK { get; init; }

    /// <summary>Lexical, vector or hybrid retrieval; null uses <c>search.mode</c>.</summary>
    public RetrievalMode? Mode { get; init; }

    /// <summary>Which documents the answer may come from; null uses all.</summary>
    public SearchFilter? Filter { get; init; }
}
