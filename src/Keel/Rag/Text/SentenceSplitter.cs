namespace Keel;

/// <summary>Cuts text into sentences as character ranges.</summary>
/// <remarks>Rule-based on purpose: a statistical splitter would need a model this machine cannot download, and
/// for citing sentences the rules below (terminal punctuation followed by a capital, a digit or a quote; blank
/// lines and list items; common abbreviations and decimals kept whole) are what users of RAG tools expect. A
/// single line break inside a paragraph is a wrapped line, not a boundary.</remarks>
internal static class SentenceSplitter
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "no", "fig", "figs", "al", "approx", "inc", "ltd", "co", "jr", "sr", "dept", "est", "min", "max", "vol", "p", "pp", "ca", "cf", "u.s", "e.u",
    };

    /// <summary>Returns the trimmed sentence ranges of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), in order.</summary>
    public static List<Range> Split(string text, int start, int end)
    {
        var sentences = new List<Range>();
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\n' && StartsNewLine(text, i, end))
            {
                Add(text, sentences, sentenceStart, i);
                sentenceStart = i + 1;
            }
            else if ((c is '.' or '!' or '?' or '…') && IsBoundary(text, i, end, sentenceStart))
            {
                var close = i + 1;
                while (close < end && text[close] is '"' or '\'' or ')' or ']' or '”' or '’' or '.' or '!' or '?')
                {
                    close++;
                }

                Add(text, sentences, sentenceStart, close);
                sentenceStart = close;
                i = close - 1;
            }
        }

        Add(text, sentences, sentenceStart, end);
        return sentences;
    }

    /// <summary>A line break ends a sentence only before a blank line or a list item; otherwise it is a wrapped
    /// line (PDF text, hard-wrapped plain text) and the sentence goes on.</summary>
    private static bool StartsNewLine(string text, int newline, int end)
    {
        var next = newline + 1;
        while (next < end && text[next] is ' ' or '\t' or '\r')
        {
            next++;
        }

        if (next >= end || text[next] == '\n')
        {
            return true;
        }

        if (text[next] is '-' or '*' or '•' or '+' or '|' or '>' && next + 1 < end && text[next + 1] == ' ')
        {
            return true;
        }

        var digits = next;
        while (digits < end && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > next && digits + 1 < end && text[digits] is '.' or ')' && text[digits + 1] == ' ';
    }

    private static bool IsBoundary(string text, int i, int end, int sentenceStart)
    {
        var next = i + 1;
        while (next < end && text[next] is '"' or '\'' or ')' or ']' or '”' or '’' or '.' or '!' or '?')
        {
            next++;
        }

        if (next >= end)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        while (next < end && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (next >= end || text[next] == '\n')
        {
            return true;
        }

        var following = text[next];
        if (!(char.IsUpper(following) || char.IsDigit(following) || following is '"' or '“' or '(' or '[' or '\'' or '*' or '-'))
        {
            return false;
        }

        return text[i] != '.' || !EndsWithAbbreviation(text, i, sentenceStart);
    }

    private static bool EndsWithAbbreviation(string text, int dot, int sentenceStart)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] != '(')
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial, as in "J. Smith"
        }

        if (word.Length > 0 && !word.ContainsAnyExcept(Digits) && text.AsSpan(sentenceStart, wordStart - sentenceStart).IsWhiteSpace())
        {
            return true; // a list number, as in "2. Restart the app"
        }

        return Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static void Add(string text, List<Range> sentences, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Range(start, end));
        }
    }
}
