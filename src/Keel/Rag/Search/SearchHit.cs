namespace Keel;

/// <summary>One ranked chunk.</summary>
public sealed record SearchHit
{
    /// <summary>1-based rank.</summary>
    public required int Rank { get; init; }

    /// <summary>BM25 score; comparable within one query only.</summary>
    public required double Score { get; init; }

    /// <summary>The document's path (relative to the working directory when inside it).</summary>
    public required string Source { get; init; }

    /// <summary>The loader that read it, e.g. <c>markdown</c> or <c>pdf</c>.</summary>
    public required string DocumentType { get; init; }

    /// <summary>1-based page for paged formats, otherwise null.</summary>
    public int? Page { get; init; }

    /// <summary>The heading path joined with " › ", or null when the chunk sits under no heading.</summary>
    public string? Heading { get; init; }

    /// <summary>Offset of the chunk in the document's extracted text.</summary>
    public required int Start { get; init; }

    /// <summary>Offset one past the chunk's end.</summary>
    public required int End { get; init; }

    /// <summary>The chunk's text.</summary>
    public required string Text { get; init; }

    /// <summary>The part of the chunk that best matches the query, cut at word boundaries.</summary>
    public required string Snippet { get; init; }

    /// <summary>Character ranges in <see cref="Snippet"/> that matched query terms.</summary>
    public required IReadOnlyList<TextSpan> Highlights { get; init; }
}

/// <summary>A character range [Start, End).</summary>
/// <param name="Start">First character.</param>
/// <param name="End">One past the last character.</param>
public readonly record struct TextSpan(int Start, int End);
