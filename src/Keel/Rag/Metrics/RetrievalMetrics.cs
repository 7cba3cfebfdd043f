namespace Keel;

/// <summary>Standard ranked-retrieval metrics, computed as trec_eval / pytrec_eval and BEIR compute them.</summary>
/// <remarks>
/// <para>A ranking is a list of document ids, best first. Judgments map document ids to relevance grades;
/// documents not judged count as grade 0. A document is relevant when its grade is at least 1; nDCG uses the
/// grade itself as the gain, with grades below 0 counting as 0.</para>
/// <para>Per-query scores at a cutoff k only look at the first k documents; k larger than the ranking is fine.
/// A query with no relevant document scores 0 on everything; <see cref="Evaluate"/> leaves such queries out of
/// the mean, and counts a judged query missing from the run as 0 (the denominator is every query in the qrels
/// with a relevant document).</para>
/// <para>To reproduce trec_eval on tied scores, order results with <see cref="RankByScore"/>.</para>
/// </remarks>
internal static class RetrievalMetrics
{
    /// <summary>nDCG@k: DCG = Σ gainᵢ / log₂(i + 1) over ranks i = 1..k, divided by the DCG of the ideal
    /// ordering of all judged documents.</summary>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        Validate(ranking, judgments, k);
        return NdcgCore(ranking, judgments, k);
    }

    private static double NdcgCore(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var dcg = 0.0;
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            dcg += Gain(judgments, ranking[i]) / Math.Log2(i + 2);
        }

        var ideal = IdealGains(judgments);
        var idcg = 0.0;
        for (var i = 0; i < Math.Min(k, ideal.Count); i++)
        {
            idcg += ideal[i] / Math.Log2(i + 2);
        }

        return idcg == 0 ? 0 : dcg / idcg;
    }

    /// <summary>Recall@k: relevant documents in the first k over all relevant documents.</summary>
    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        Validate(ranking, judgments, k);
        return RecallCore(ranking, judgments, k);
    }

    private static double RecallCore(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var relevant = CountRelevant(judgments);
        if (relevant == 0)
        {
            return 0;
        }

        var found = 0;
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            if (IsRelevant(judgments, ranking[i]))
            {
                found++;
            }
        }

        return (double)found / relevant;
    }

    /// <summary>Reciprocal rank@k: 1 / the rank of the first relevant document if it is in the first k, else 0.
    /// Averaged over queries this is MRR@k.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        Validate(ranking, judgments, k);
        return ReciprocalRankCore(ranking, judgments, k);
    }

    private static double ReciprocalRankCore(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            if (IsRelevant(judgments, ranking[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>Average precision@k: the precision at the rank of each relevant document in the first k, summed
    /// and divided by the number of relevant documents (found or not), as trec_eval's <c>map_cut</c>. With k
    /// at least the length of the ranking (the default) this is trec_eval's <c>map</c> over the full ranking.</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k = int.MaxValue)
    {
        Validate(ranking, judgments, k);
        return AveragePrecisionCore(ranking, judgments, k);
    }

    private static double AveragePrecisionCore(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var relevant = CountRelevant(judgments);
        if (relevant == 0)
        {
            return 0;
        }

        var found = 0;
        var sum = 0.0;
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            if (IsRelevant(judgments, ranking[i]))
            {
                found++;
                sum += (double)found / (i + 1);
            }
        }

        return sum / relevant;
    }

    /// <summary>All four metrics for one query at cutoff <paramref name="k"/>.</summary>
    public static RetrievalScores Score(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        Validate(ranking, judgments, k);
        return new RetrievalScores(
            k,
            NdcgCore(ranking, judgments, k),
            RecallCore(ranking, judgments, k),
            ReciprocalRankCore(ranking, judgments, k),
            AveragePrecisionCore(ranking, judgments, k));
    }

    /// <summary>The mean of each metric at each cutoff over every query in <paramref name="qrels"/> that has a
    /// relevant document. A query missing from <paramref name="rankings"/> scores 0; rankings of queries not
    /// in the qrels are ignored.</summary>
    /// <param name="qrels">Query id → document id → relevance grade.</param>
    /// <param name="rankings">Query id → document ids, best first.</param>
    /// <param name="cutoffs">The k values, e.g. 1, 10, 100.</param>
    /// <returns>One entry per cutoff, in the order given.</returns>
    /// <exception cref="ArgumentException">No query in the qrels has a relevant document.</exception>
    public static IReadOnlyList<RetrievalScores> Evaluate(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels,
        IReadOnlyDictionary<string, IReadOnlyList<string>> rankings,
        IReadOnlyList<int> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(cutoffs);
        var sums = new double[cutoffs.Count, 4];
        var queries = 0;
        foreach (var (queryId, judgments) in qrels)
        {
            if (CountRelevant(judgments) == 0)
            {
                continue;
            }

            queries++;
            var ranking = rankings.GetValueOrDefault(queryId) ?? [];
            for (var c = 0; c < cutoffs.Count; c++)
            {
                var score = Score(ranking, judgments, cutoffs[c]);
                sums[c, 0] += score.Ndcg;
                sums[c, 1] += score.Recall;
                sums[c, 2] += score.Mrr;
                sums[c, 3] += score.Map;
            }
        }

        if (queries == 0)
        {
            throw new ArgumentException("No query in the qrels has a relevant document (grade 1 or more), so there is nothing to average.", nameof(qrels));
        }

        var means = new RetrievalScores[cutoffs.Count];
        for (var c = 0; c < means.Length; c++)
        {
            means[c] = new RetrievalScores(cutoffs[c], sums[c, 0] / queries, sums[c, 1] / queries, sums[c, 2] / queries, sums[c, 3] / queries);
        }

        return means;
    }

    /// <summary>Orders scored documents best first the way trec_eval does, so metrics match its output when
    /// scores tie: by score descending, then by document id descending (ordinal).</summary>
    public static IReadOnlyList<string> RankByScore(IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var entries = new KeyValuePair<string, double>[scores.Count];
        var n = 0;
        foreach (var entry in scores)
        {
            entries[n++] = entry;
        }

        Array.Sort(entries, static (a, b) =>
        {
            var byScore = b.Value.CompareTo(a.Value);
            return byScore != 0 ? byScore : string.CompareOrdinal(b.Key, a.Key);
        });
        var ranking = new string[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            ranking[i] = entries[i].Key;
        }

        return ranking;
    }

    private static void Validate(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ranking)
        {
            if (!seen.Add(id))
            {
                throw new ArgumentException($"Document '{id}' appears more than once in the ranking; keep only its best-ranked occurrence (e.g. when mapping chunks to documents).", nameof(ranking));
            }
        }
    }

    private static bool IsRelevant(IReadOnlyDictionary<string, int> judgments, string id) =>
        judgments.TryGetValue(id, out var grade) && grade >= 1;

    private static double Gain(IReadOnlyDictionary<string, int> judgments, string id) =>
        judgments.TryGetValue(id, out var grade) && grade > 0 ? grade : 0;

    private static int CountRelevant(IReadOnlyDictionary<string, int> judgments)
    {
        var count = 0;
        foreach (var grade in judgments.Values)
        {
            if (grade >= 1)
            {
                count++;
            }
        }

        return count;
    }

    private static List<int> IdealGains(IReadOnlyDictionary<string, int> judgments)
    {
        var gains = new List<int>(judgments.Count);
        foreach (var grade in judgments.Values)
        {
            if (grade > 0)
            {
                gains.Add(grade);
            }
        }

        gains.Sort(static (a, b) => b.CompareTo(a));
        return gains;
    }
}
