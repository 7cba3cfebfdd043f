using System.Collections.Frozen;

namespace Keel;

/// <summary>Words that shape a question but carry none of its information ("how", "does", "my"), left out when
/// measuring how much of a question a passage covers. The index keeps them; only answer support ignores them.</summary>
internal static class QuestionWords
{
    private static readonly FrozenSet<string> Words = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
        "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "get", "gets", "got", "had", "has",
        "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "its",
        "just", "know", "let", "like", "me", "mean", "meaning", "means", "might", "more", "most", "much", "must", "my", "need", "needs", "of", "on", "one",
        "or", "other", "our", "ours", "please", "shall", "she", "should", "so", "some", "such", "tell", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "us", "use", "using", "very", "was",
        "way", "we", "were", "what", "whats", "what's", "when", "where", "whether", "which", "while", "who", "whom", "whose",
        "why", "will", "with", "would", "you", "your", "yours");

    public static bool Contains(ReadOnlySpan<char> word) => Words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
