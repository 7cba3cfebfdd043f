namespace Keel;

/// <summary>The text BM25 indexes for a chunk: its heading path and preamble (a CSV header), then its own text, so
/// that a question naming a section finds the chunks under it.</summary>
internal static class ChunkText
{
    public static string ForIndex(IReadOnlyList<string> headingPath, string? preamble, string text)
    {
        if (headingPath.Count == 0 && preamble is null)
        {
            return text;
        }

        return string.Join('\n', [.. headingPath, preamble ?? "", text]);
    }
}
