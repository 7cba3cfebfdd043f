namespace Keel;

/// <summary>String distances and overlap scores used by the text assertions, on lower-cased word tokens.</summary>
internal static class TextMetrics
{
    /// <summary>Edit distance (insertions, deletions, substitutions of one character each).</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Words: runs of letters or digits, lower-cased.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>ROUGE-N F1: clipped n-gram overlap between candidate and reference.</summary>
    public static double RougeN(string candidate, string reference, int n)
    {
        var c = NGrams(Tokenize(candidate), n);
        var r = NGrams(Tokenize(reference), n);
        var overlap = Overlap(c, r);
        var cTotal = c.Values.Sum();
        var rTotal = r.Values.Sum();
        return F1(overlap, cTotal, rTotal);
    }

    /// <summary>ROUGE-L F1 (β = 1): longest common subsequence of words.</summary>
    public static double RougeL(string candidate, string reference)
    {
        var c = Tokenize(candidate);
        var r = Tokenize(reference);
        return F1(LongestCommonSubsequence(c, r), c.Count, r.Count);
    }

    /// <summary>Sentence BLEU with uniform weights up to <paramref name="maxN"/>-grams and the brevity penalty,
    /// without smoothing: 0 when any n-gram order has no match.</summary>
    public static double Bleu(string candidate, string reference, int maxN = 4)
    {
        var c = Tokenize(candidate);
        var r = Tokenize(reference);
        if (c.Count == 0)
        {
            return 0;
        }

        var logSum = 0.0;
        for (var n = 1; n <= maxN; n++)
        {
            var cg = NGrams(c, n);
            var total = cg.Values.Sum();
            var matched = Overlap(cg, NGrams(r, n));
            if (total == 0 || matched == 0)
            {
                return 0;
            }

            logSum += Math.Log((double)matched / total);
        }

        var brevity = c.Count > r.Count ? 1 : Math.Exp(1 - ((double)r.Count / c.Count));
        return brevity * Math.Exp(logSum / maxN);
    }

    internal static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Count, b.Count];
    }

    private static Dictionary<string, int> NGrams(List<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = string.Join(' ', tokens.GetRange(i, n));
            grams[key] = grams.GetValueOrDefault(key) + 1;
        }

        return grams;
    }

    private static int Overlap(Dictionary<string, int> candidate, Dictionary<string, int> reference) =>
        candidate.Sum(pair => Math.Min(pair.Value, reference.GetValueOrDefault(pair.Key)));

    private static double F1(int overlap, int candidateTotal, int referenceTotal)
    {
        if (overlap == 0 || candidateTotal == 0 || referenceTotal == 0)
        {
            return 0;
        }

        var precision = (double)overlap / candidateTotal;
        var recall = (double)overlap / referenceTotal;
        return 2 * precision * recall / (precision + recall);
    }
}
