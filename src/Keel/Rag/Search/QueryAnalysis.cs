namespace Keel;

/// <summary>A question reduced to the terms that carry its information, each with its weight (IDF), so answers can
/// measure how much of the question a passage covers.</summary>
/// <remarks>Terms that occur in no chunk get the largest possible IDF: a question about something the documents
/// never mention must not look covered.</remarks>
internal sealed class QueryAnalysis
{
    private QueryAnalysis(IReadOnlyDictionary<string, double> weights)
    {
        Weights = weights;
        TotalWeight = weights.Values.Sum();
    }

    public IReadOnlyDictionary<string, double> Weights { get; }

    public double TotalWeight { get; }

    public static QueryAnalysis From(IReadOnlyList<string> contentTerms, Bm25Result result)
    {
        var unseen = Math.Log(1 + ((result.TotalChunks + 0.5) / 0.5));
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in contentTerms)
        {
            weights[term] = result.Idf.TryGetValue(term, out var idf) && idf > 0 ? idf : unseen;
        }

        return new QueryAnalysis(weights);
    }

    /// <summary>The share of the question's weight found among <paramref name="terms"/>, from 0 to 1.</summary>
    public double Coverage(IReadOnlySet<string> terms)
    {
        if (TotalWeight <= 0)
        {
            return 0;
        }

        var covered = 0.0;
        foreach (var (term, weight) in Weights)
        {
            if (terms.Contains(term))
            {
                covered += weight;
            }
        }

        return covered / TotalWeight;
    }
}
