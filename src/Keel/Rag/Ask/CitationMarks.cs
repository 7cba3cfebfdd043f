using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>The <c>[n]</c> marks that tie an answer's sentences to its numbered sources.</summary>
internal static partial class CitationMarks
{
    /// <summary>The number a mark carries.</summary>
    public static int Number(Match mark) => int.Parse(mark.Groups[1].ValueSpan, CultureInfo.InvariantCulture);

    /// <summary>The numbers of the marks in <paramref name="text"/>, in order.</summary>
    public static List<int> In(string text) => [.. Mark().Matches(text).Select(Number)];

    /// <summary>A mark, its number captured. Up to nine digits, so every number fits an int; a longer bracketed number
    /// is text (an id, say), not a mark.</summary>
    [GeneratedRegex(@"\[(\d{1,9})\]")]
    public static partial Regex Mark();

    /// <summary>A mark with the spaces before it, so removing one leaves no gap before the punctuation.</summary>
    [GeneratedRegex(@"[ \t]*\[(\d{1,9})\]")]
    public static partial Regex SpacedMark();
}
