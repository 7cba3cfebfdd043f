using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>Finds the JSON values in raw model text: inside fences, around prose and tags, after think blocks.</summary>
internal static partial class CandidateExtractor
{
    private const int MaxCandidates = 32;

    /// <summary>The values in the text.</summary>
    public static List<ParsedCandidate> Find(string text, out List<StructuredDiagnostic> extraction)
    {
        extraction = [];
        var thinkless = ThinkBlock().Replace(text, "");
        if (thinkless.Length != text.Length)
        {
            extraction.Add(new StructuredDiagnostic("$", StructuredRule.Extraction, "removed a <think> block", null, null));
        }

        var fences = new List<Range>();
        var candidates = new List<ParsedCandidate>();
        foreach (var body in Fences(thinkless))
        {
            Scan(thinkless, body, candidates, []);
            fences.Add(body);
        }

        if (fences.Count > 0)
        {
            extraction.Add(new StructuredDiagnostic("$", StructuredRule.Extraction, "took the value out of a Markdown fence", null, null));
        }

        // The fence bodies were read on their own above; reading them again as part of the whole text would only find the same values.
        Scan(thinkless, Range.All, candidates, fences);
        return candidates;
    }

    /// <summary>The text around the value (prose, fences, tags), for a scalar target with no JSON value in sight.</summary>
    public static string StripFences(string text)
    {
        var thinkless = ThinkBlock().Replace(text, "");
        var fences = Fences(thinkless, 1);
        return (fences.Count > 0 ? thinkless[fences[0]] : thinkless).Trim();
    }

    /// <summary>Reads the values in <paramref name="region"/> of the text, in place (a fence body is not copied out).</summary>
    private static void Scan(string text, Range region, List<ParsedCandidate> candidates, List<Range> skip)
    {
        var (start, length) = region.GetOffsetAndLength(text.Length);
        var end = start + length;
        var trimmed = text.AsSpan(start, length).TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '"' && TryDoubleEncoded(trimmed.ToString()) is { } decoded)
        {
            Add(candidates, decoded);
        }

        var i = start;
        while (i < end && candidates.Count < MaxCandidates)
        {
            var next = text.AsSpan(i, end - i).IndexOfAny('{', '[');
            if (next < 0)
            {
                return;
            }

            next += i;

            if (skip.Find(r => next >= r.Start.Value && next < r.End.Value) is { End.Value: > 0 } inFence)
            {
                i = inFence.End.Value;
                continue;
            }

            var candidate = LenientJsonReader.TryRead(text, next, end);
            if (candidate is null)
            {
                i = next + 1;
                continue;
            }

            if (!text.AsSpan(start, next - start).IsWhiteSpace() || !text.AsSpan(candidate.End, end - candidate.End).IsWhiteSpace())
            {
                candidate.Repairs.Insert(0, new StructuredDiagnostic("$", StructuredRule.Extraction, "took the value out of the text around it", null, null));
            }

            Add(candidates, candidate);
            i = candidate.End;
        }
    }

    private static ParsedCandidate? TryDoubleEncoded(string text)
    {
        var wrapper = LenientJsonReader.TryRead("[" + text + "]", 0);
        if (wrapper?.Value is not JsonArray { Count: 1 } array || array[0] is not JsonValue value || !value.TryGetValue<string>(out var inner))
        {
            return null;
        }

        var start = inner.AsSpan().IndexOfAnyExcept(" \t\r\n");
        if (start < 0 || inner[start] is not '{' and not '[')
        {
            return null;
        }

        var candidate = LenientJsonReader.TryRead(inner, start);
        candidate?.Repairs.Insert(0, new StructuredDiagnostic("$", StructuredRule.DoubleEncoded, "decoded a value sent as a JSON string", null, null));
        return candidate;
    }

    private static void Add(List<ParsedCandidate> candidates, ParsedCandidate candidate)
    {
        if (!candidates.Any(c => JsonNode.DeepEquals(c.Value, candidate.Value)))
        {
            candidates.Add(candidate);
        }
    }

    /// <summary>A reasoning block as models write it: its tag opens a line (the text's first, mostly). One that opens
    /// mid-line is text, such as a string value that mentions the tag, and is left for the reader.</summary>
    [GeneratedRegex(@"(?<=^|\n)[ \t]*<(think|thinking|reasoning)>.*?(</\1>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ThinkBlock();

    /// <summary>
    /// The bodies of Markdown fences: three or more backticks and an optional language, then everything up to a line
    /// holding the same fence (or the end of the text, for a fence the output cut off). A scan, not a regular
    /// expression with a lazy body, so that it stays linear on a large document.
    /// </summary>
    private static List<Range> Fences(string text, int max = int.MaxValue)
    {
        var bodies = new List<Range>();
        var pos = 0;
        while (bodies.Count < max && pos < text.Length)
        {
            var open = text.IndexOf("```", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var ticks = text.AsSpan(open).IndexOfAnyExcept('`') is var n && n < 0 ? text.Length - open : n;
            var newline = text.IndexOf('\n', open + ticks);
            if (newline < 0 || text.AsSpan(open + ticks, newline - (open + ticks)).Contains('`'))
            {
                pos = open + ticks;
                continue;
            }

            var start = newline + 1;
            var (end, next) = (text.Length, text.Length);
            for (var line = text.IndexOf('\n', start); line >= 0; line = text.IndexOf('\n', line + 1))
            {
                var fence = text.AsSpan(line + 1).TrimStart(" \t");
                var indent = text.Length - (line + 1) - fence.Length;
                if (fence.Length >= ticks && fence[..ticks].IndexOfAnyExcept('`') < 0 && (fence.Length == ticks || fence[ticks] != '`'))
                {
                    (end, next) = (line, line + 1 + indent + ticks);
                    break;
                }
            }

            bodies.Add(new Range(start, Math.Max(start, end)));
            pos = next;
        }

        return bodies;
    }
}
