using System.Collections.Frozen;

namespace Keel;

/// <summary>The English stopwords <see cref="EnglishAnalyzer"/> drops.</summary>
/// <remarks>Lucene's default English stop set (<c>EnglishAnalyzer.ENGLISH_STOP_WORDS_SET</c>), the 33 words that
/// Anserini's BM25 baselines also remove, so BM25 scores here are comparable with published ones.</remarks>
internal static class EnglishStopwords
{
    /// <summary>The 33 lower-case stopwords.</summary>
    public static FrozenSet<string> Words { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ByCharacters =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="word"/>, already lower-case, is a stopword.</summary>
    public static bool Contains(ReadOnlySpan<char> word) => ByCharacters.Contains(word);
}
