using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>Finds the JSON values in raw model text: inside fences, around prose and tags, after think blocks.</summary>
internal static partial class CandidateExtractor
{
    private const int MaxCandidates = 32;

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
        foreach (Match fence in Fence().Matches(thinkless))
        {
            var body = fence.Groups["body"];
            Scan(body.Value, candidates, []);
            fences.Add(new Range(body.Index, body.Index + body.Length));
        }

        if (fences.Count > 0)
        {
            extraction.Add(new StructuredDiagnostic("$", StructuredRule.Extraction, "took the value out of a Markdown fence", null, null));
        }

        // The fence bodies were read on their own above; reading them again as part of the whole text would only find the same values.
        Scan(thinkless, candidates, fences);
        return candidates;
    }

    /// <summary>The text around the value (prose, fences, tags), for a scalar target with no JSON value in sight.</summary>
    public static string StripFences(string text)
    {
        var thinkless = ThinkBlock().Replace(text, "");
        var fence = Fence().Match(thinkless);
        return (fence.Success ? fence.Groups["body"].Value : thinkless).Trim();
    }

    private static void Scan(string region, List<ParsedCandidate> candidates, List<Range> skip)
    {
        var trimmed = region.TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '"' && TryDoubleEncoded(trimmed) is { } decoded)
        {
            Add(candidates, decoded);
        }

        var i = 0;
        while (i < region.Length && candidates.Count < MaxCandidates)
        {
            var next = region.IndexOfAny(['{', '['], i);
            if (next < 0)
            {
                return;
            }

            if (skip.Find(r => next >= r.Start.Value && next < r.End.Value) is { End.Value: > 0 } inFence)
            {
                i = inFence.End.Value;
                continue;
            }

            var candidate = LenientJsonReader.TryRead(region, next);
            if (candidate is null)
            {
                i = next + 1;
                continue;
            }

            if (!string.IsNullOrWhiteSpace(region[..next]) || !string.IsNullOrWhiteSpace(region[candidate.End..]))
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

    [GeneratedRegex(@"<(think|thinking|reasoning)>.*?(</\1>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ThinkBlock();

    [GeneratedRegex(@"(?<fence>`{3,})[^\n`]*\n(?<body>.*?)(?:\n[ \t]*\k<fence>(?!`)|\z)", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
