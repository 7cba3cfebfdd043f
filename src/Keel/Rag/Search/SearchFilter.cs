using Microsoft.Extensions.FileSystemGlobbing;

namespace Keel;

/// <summary>Restricts search to some documents. Every condition given must hold; an empty filter matches all.</summary>
public sealed record SearchFilter
{
    /// <summary>Glob patterns over the stored source path (e.g. <c>docs/**/*.md</c>); a document matching any one passes.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Document types (<c>markdown</c>, <c>html</c>, <c>pdf</c>, <c>docx</c>, <c>csv</c>, <c>text</c>); any one passes.</summary>
    public IReadOnlyList<string> DocumentTypes { get; init; } = [];

    /// <summary>Tags set at ingest; a document must carry every one with the same value.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal bool IsEmpty => Sources.Count == 0 && DocumentTypes.Count == 0 && Tags.Count == 0;

    internal bool Matches(StoredDocument document, Matcher? sources)
    {
        if (DocumentTypes.Count > 0 && !DocumentTypes.Contains(document.DocumentType, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var (key, value) in Tags)
        {
            if (!document.Tags.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return sources is null || sources.Match(document.Path).HasMatches;
    }

    internal Matcher? SourceMatcher()
    {
        if (Sources.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(Sources);
        return matcher;
    }
}
