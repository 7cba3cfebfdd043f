namespace Keel;

/// <summary>Per-query search settings; unset values come from <c>keel.yaml</c>.</summary>
public sealed record SearchOptions
{
    /// <summary>How many hits; null uses <c>search.top_k</c>.</summary>
    public int? Top { get; init; }

    /// <summary>Lexical, vector or hybrid; null uses <c>search.mode</c>.</summary>
    public RetrievalMode? Mode { get; init; }

    /// <summary>Which documents may match; null searches everything.</summary>
    public SearchFilter? Filter { get; init; }
}
