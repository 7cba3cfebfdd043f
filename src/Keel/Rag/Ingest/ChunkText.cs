using System.Security.Cryptography;
using System.Text;

namespace Keel;

/// <summary>The text BM25 indexes and the embedding model reads for a chunk: its heading path and preamble (a CSV
/// header), then its own text, so that a question naming a section finds the chunks under it.</summary>
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

    /// <summary>The key a chunk's vector is stored under: equal texts share one vector, whatever document they are in.</summary>
    public static string Hash(string indexText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(indexText)));
}
