using System.Buffers;
using System.Globalization;
using System.Text;

namespace Keel;

/// <summary>Turns English text into BM25 index terms, optionally with the span of each word in the text.</summary>
/// <remarks>
/// <para>The pipeline follows Lucene's <c>EnglishAnalyzer</c> as Anserini uses it for its BM25 baselines
/// (tokenize, drop possessive <c>'s</c>, lower-case, drop the 33 stopwords, Porter-stem), with these rules:</para>
/// <list type="bullet">
/// <item>A word is a run of letters and digits (any script). Everything else separates words: spaces,
/// punctuation, hyphens, slashes, underscores, symbols. <c>state-of-the-art</c> gives <c>state</c>, <c>art</c>;
/// <c>E1042</c> gives <c>e1042</c>.</item>
/// <item>A full stop between two digits stays inside the word, so decimals and versions are one term:
/// <c>99.95%</c> gives <c>99.95</c>, <c>v1.2.3</c> gives <c>v1.2.3</c>. A comma always separates
/// (<c>1,000</c> gives <c>1</c>, <c>000</c>), because in running text it more often lists than groups.</item>
/// <item>An apostrophe (<c>'</c>, <c>’</c> or <c>ʼ</c>) between two letters joins them, except that a final
/// possessive <c>'s</c> is dropped: <c>user's</c> gives <c>user</c>, <c>don't</c> gives <c>dont</c>,
/// <c>O'Neill</c> gives <c>oneil</c>. Elsewhere it separates (<c>users'</c> gives <c>user</c>).</item>
/// <item>Lower-casing is invariant; accented Latin letters fold to ASCII (<c>Müller</c> and <c>muller</c>
/// match) and combining accents (U+0300–U+036F) are dropped, so decomposed text folds the same way.</item>
/// <item>Each Han ideograph and kana is a word of its own, as in Lucene's <c>StandardTokenizer</c>.</item>
/// <item>Words containing a digit are not stemmed (<c>1990s</c> stays). Words longer than
/// <see cref="MaxTokenLength"/> characters (encoded blobs, not words) are skipped.</item>
/// </list>
/// <para>Thread-safe: each thread analyses with its own buffers and its own cache of the terms of the
/// <see cref="CacheCapacity"/> most recently seen distinct words (cleared when full). Frequent words are
/// therefore looked up rather than stemmed, and return the same string instance every time.</para>
/// </remarks>
internal sealed class EnglishAnalyzer
{
    /// <summary>Changes whenever the terms produced for the same text change, so ingest re-indexes stored chunks.</summary>
    public const string Version = "1";

    /// <summary>The longest word, in characters after folding, that becomes a term.</summary>
    public const int MaxTokenLength = 128;

    /// <summary>How many distinct words each thread's cache holds before it starts afresh.</summary>
    public const int CacheCapacity = 32_768;

    [ThreadStatic]
    private static EnglishAnalyzer? _perThread;

    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _cacheByCharacters;

    // One spare slot: a word that reaches MaxTokenLength + 1 characters is known to be too long.
    private readonly char[] _word = new char[MaxTokenLength + 1];
    private readonly char[] _stem = new char[MaxTokenLength + 1];

    private EnglishAnalyzer()
    {
        _cacheByCharacters = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static EnglishAnalyzer Current => _perThread ??= new EnglishAnalyzer();

    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="terms"/>, in text order.</summary>
    public static void Analyze(ReadOnlySpan<char> text, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Current.Run(text, terms, null);
    }

    /// <summary>Appends the terms of <paramref name="text"/> with the span of each word to
    /// <paramref name="tokens"/>, in text order.</summary>
    public static void Analyze(ReadOnlySpan<char> text, List<AnalyzedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Current.Run(text, null, tokens);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsCombiningAccent(char c) => c is >= '\u0300' and <= '\u036F';

    private static bool IsIdeographic(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF');

    private static bool StartsWord(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return Rune.DecodeFromUtf16(text[i..], out var rune, out _) == OperationStatus.Done
                && Rune.IsLetterOrDigit(rune);
        }

        return char.IsLetterOrDigit(c);
    }

    private void Run(ReadOnlySpan<char> text, List<string>? terms, List<AnalyzedToken>? tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80 ? char.IsAsciiLetterOrDigit(c) : !IsIdeographic(c) && StartsWord(text, i))
            {
                var start = i;
                var length = ReadWord(text, ref i, out var hasDigit);
                Emit(_word.AsSpan(0, length), hasDigit, start, i, terms, tokens);
            }
            else if (c >= 0x80 && IsIdeographic(c))
            {
                Emit(text.Slice(i, 1), hasDigit: false, i, i + 1, terms, tokens);
                i++;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Folds the word starting at <paramref name="i"/> into <see cref="_word"/> and leaves
    /// <paramref name="i"/> just past it.</summary>
    /// <returns>The folded length, capped at <see cref="MaxTokenLength"/> + 1.</returns>
    private int ReadWord(ReadOnlySpan<char> text, ref int i, out bool hasDigit)
    {
        var word = _word;
        var length = 0;
        hasDigit = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (char.IsAsciiLetterLower(c))
                {
                    Append(word, ref length, c);
                }
                else if (char.IsAsciiLetterUpper(c))
                {
                    Append(word, ref length, (char)(c | 0x20));
                }
                else if (char.IsAsciiDigit(c))
                {
                    Append(word, ref length, c);
                    hasDigit = true;
                }
                else if (c == '.' && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                {
                    Append(word, ref length, c);
                }
                else if (c != '\'' || !ContinuesAfterApostrophe(text, ref i))
                {
                    return length;
                }

                i++;
            }
            else if (!ReadNonAscii(text, ref i, word, ref length, ref hasDigit))
            {
                return length;
            }
        }

        return length;
    }

    /// <summary>Reads one non-ASCII character (or surrogate pair) of a word.</summary>
    /// <returns>False when the word ends: before <paramref name="i"/>, or after a possessive <c>'s</c> that
    /// <paramref name="i"/> has been moved past.</returns>
    private static bool ReadNonAscii(ReadOnlySpan<char> text, ref int i, char[] word, ref int length, ref bool hasDigit)
    {
        var c = text[i];
        if (IsApostrophe(c))
        {
            if (!ContinuesAfterApostrophe(text, ref i))
            {
                return false;
            }
        }
        else if (IsCombiningAccent(c))
        {
            // Dropped, so that decomposed "cafe\u0301" folds like "café".
        }
        else if (IsIdeographic(c))
        {
            return false;
        }
        else if (char.IsHighSurrogate(c))
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out _) != OperationStatus.Done || !Rune.IsLetterOrDigit(rune))
            {
                return false;
            }

            Span<char> pair = stackalloc char[2];
            Rune.ToLowerInvariant(rune).EncodeToUtf16(pair);
            Append(word, ref length, pair[0]);
            Append(word, ref length, pair[1]);
            hasDigit |= Rune.IsDigit(rune);
            i++;
        }
        else if (char.IsLetter(c))
        {
            var folded = AccentFolding.Fold(c);
            if (folded.IsEmpty)
            {
                Append(word, ref length, char.ToLowerInvariant(c));
            }
            else
            {
                foreach (var f in folded)
                {
                    Append(word, ref length, f);
                }
            }
        }
        else if (char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber)
        {
            Append(word, ref length, c);
            hasDigit = true;
        }
        else
        {
            return false;
        }

        i++;
        return true;
    }

    /// <summary>Decides what an apostrophe at <paramref name="i"/> does to the word before it.</summary>
    /// <returns>True when the word goes on after it (<c>don't</c>), with <paramref name="i"/> left on the
    /// apostrophe; false when the word ends: before it, or after a possessive <c>'s</c>, in which case
    /// <paramref name="i"/> is moved past the <c>s</c> so the span covers it.</returns>
    private static bool ContinuesAfterApostrophe(ReadOnlySpan<char> text, ref int i)
    {
        if (i + 1 >= text.Length || !char.IsLetter(text[i - 1]) || !char.IsLetter(text[i + 1]))
        {
            return false;
        }

        if (text[i + 1] is 's' or 'S' && (i + 2 == text.Length || !StartsWord(text, i + 2)))
        {
            i += 2;
            return false;
        }

        return true;
    }

    private static void Append(char[] word, ref int length, char c)
    {
        if (length <= MaxTokenLength)
        {
            word[length++] = c;
        }
    }

    private void Emit(ReadOnlySpan<char> word, bool hasDigit, int start, int end, List<string>? terms, List<AnalyzedToken>? tokens)
    {
        if (word.Length > MaxTokenLength || Term(word, hasDigit) is not { } term)
        {
            return;
        }

        terms?.Add(term);
        tokens?.Add(new AnalyzedToken(term, start, end));
    }

    /// <summary>The term for a folded word, or null for a stopword.</summary>
    private string? Term(ReadOnlySpan<char> word, bool hasDigit)
    {
        if (_cacheByCharacters.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var key = new string(word);
        string? term;
        if (EnglishStopwords.Contains(word))
        {
            term = null;
        }
        else if (hasDigit)
        {
            term = key;
        }
        else
        {
            word.CopyTo(_stem);
            var stem = _stem.AsSpan(0, PorterStemmer.Stem(_stem.AsSpan(0, word.Length)));
            term = stem.SequenceEqual(word) ? key : new string(stem);
        }

        if (_cache.Count >= CacheCapacity)
        {
            _cache.Clear();
        }

        _cache.Add(key, term);
        return term;
    }
}
