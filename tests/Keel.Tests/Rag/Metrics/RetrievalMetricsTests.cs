namespace Keel.Tests.Rag.Metrics;

public sealed class RetrievalMetricsTests
{
    private const int Precision = 10;

    // Ranking d1, d2, d3 with grades d1 = 0, d2 = 1, d3 = 2 (two relevant documents).
    private static readonly string[] Ranking = ["d1", "d2", "d3"];
    private static readonly Dictionary<string, int> Graded = new() { ["d1"] = 0, ["d2"] = 1, ["d3"] = 2 };

    [Fact]
    public void Ndcg_GradedRanking_UsesLinearGainAndLog2Discount()
    {
        // DCG@3  = 0/log2(2) + 1/log2(3) + 2/log2(4) = 0.6309297536 + 1 = 1.6309297536
        // IDCG@3 = 2/log2(2) + 1/log2(3)             = 2 + 0.6309297536 = 2.6309297536
        // nDCG@3 = 1.6309297536 / 2.6309297536 = 0.6199062333
        Assert.Equal(0.6199062332840657, RetrievalMetrics.Ndcg(Ranking, Graded, 3), Precision);

        // nDCG@2 = (1/log2(3)) / (2 + 1/log2(3)) = 0.6309297536 / 2.6309297536 = 0.2398124666
        Assert.Equal(0.23981246656813146, RetrievalMetrics.Ndcg(Ranking, Graded, 2), Precision);

        // nDCG@1 = 0 / 2
        Assert.Equal(0, RetrievalMetrics.Ndcg(Ranking, Graded, 1));
    }

    [Fact]
    public void Ndcg_RelevantDocumentNotRetrieved_CountsInIdealDcg()
    {
        // Relevant: a (1), b (1), c (1, never retrieved). Ranking a, x, b.
        // DCG@3  = 1/log2(2) + 0 + 1/log2(4) = 1 + 0.5 = 1.5
        // IDCG@3 = 1 + 1/log2(3) + 1/log2(4) = 1 + 0.6309297536 + 0.5 = 2.1309297536
        // nDCG@3 = 1.5 / 2.1309297536 = 0.7039180890
        var judgments = new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 1 };

        Assert.Equal(1.5 / (1.5 + (1 / Math.Log2(3))), RetrievalMetrics.Ndcg(["a", "x", "b"], judgments, 3), Precision);
        Assert.Equal(0.7039180890, RetrievalMetrics.Ndcg(["a", "x", "b"], judgments, 3), 9);
    }

    [Fact]
    public void Ndcg_NegativeGrade_CountsAsZero()
    {
        // DCG@2 = 0 + 1/log2(3); IDCG@2 = 1/log2(2) = 1 → nDCG@2 = 0.6309297536
        var judgments = new Dictionary<string, int> { ["d1"] = -1, ["d2"] = 1 };

        Assert.Equal(1 / Math.Log2(3), RetrievalMetrics.Ndcg(["d1", "d2"], judgments, 2), Precision);
    }

    [Fact]
    public void Recall_GradedRanking_CountsRelevantDocumentsInCutoff()
    {
        // Relevant: d2, d3. Top 1 has none, top 2 has d2, top 3 has both.
        Assert.Equal(0, RetrievalMetrics.Recall(Ranking, Graded, 1));
        Assert.Equal(0.5, RetrievalMetrics.Recall(Ranking, Graded, 2));
        Assert.Equal(1, RetrievalMetrics.Recall(Ranking, Graded, 3));
    }

    [Fact]
    public void ReciprocalRank_FirstRelevantAtRankTwo_IsOneHalf()
    {
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRank(Ranking, Graded, 10));
        Assert.Equal(0, RetrievalMetrics.ReciprocalRank(Ranking, Graded, 1));
    }

    [Fact]
    public void AveragePrecision_GradedRanking_DividesByAllRelevant()
    {
        // Full ranking: precision at d2 = 1/2, at d3 = 2/3 → (1/2 + 2/3) / 2 = 0.5833333333
        Assert.Equal((0.5 + (2.0 / 3)) / 2, RetrievalMetrics.AveragePrecision(Ranking, Graded), Precision);

        // AP@2: only d2 is in the cutoff, still divided by both relevant documents → (1/2) / 2 = 0.25
        Assert.Equal(0.25, RetrievalMetrics.AveragePrecision(Ranking, Graded, 2), Precision);
    }

    [Fact]
    public void Score_CutoffLargerThanRanking_EqualsFullRanking()
    {
        var atTen = RetrievalMetrics.Score(Ranking, Graded, 10);
        var atThree = RetrievalMetrics.Score(Ranking, Graded, 3);

        Assert.Equal(atThree with { K = 10 }, atTen);
    }

    [Fact]
    public void Score_EmptyRanking_IsZero()
    {
        Assert.Equal(new RetrievalScores(10, 0, 0, 0, 0), RetrievalMetrics.Score([], Graded, 10));
    }

    [Fact]
    public void Score_NoRelevantJudgment_IsZero()
    {
        var judgments = new Dictionary<string, int> { ["d1"] = 0 };

        Assert.Equal(new RetrievalScores(5, 0, 0, 0, 0), RetrievalMetrics.Score(Ranking, judgments, 5));
    }

    [Fact]
    public void Score_DuplicateDocument_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => RetrievalMetrics.Score(["d1", "d2", "d1"], Graded, 10));

        Assert.Contains("'d1'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_CutoffBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalMetrics.Score(Ranking, Graded, 0));
    }

    [Fact]
    public void Evaluate_QueriesWithAndWithoutResults_AveragesOverJudgedQueries()
    {
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = new Dictionary<string, int> { ["a"] = 1 },
            ["q2"] = new Dictionary<string, int> { ["b"] = 1, ["c"] = 1 },
            ["q3"] = new Dictionary<string, int> { ["z"] = 0 },
            ["q4"] = new Dictionary<string, int> { ["d"] = 1 },
        };
        var rankings = new Dictionary<string, IReadOnlyList<string>>
        {
            ["q1"] = ["a", "x"],
            ["q2"] = ["x", "c", "b"],
            ["q3"] = ["z"],
            ["q9"] = ["a"],
        };

        var scores = RetrievalMetrics.Evaluate(qrels, rankings, [1, 2]);

        // Averaged over q1, q2, q4 (q3 has no relevant document; q4 has no results and scores 0; q9 is unjudged).
        // @1: nDCG q1 = 1, q2 = 0, q4 = 0 → 1/3. Recall: 1, 0, 0 → 1/3. MRR: 1, 0, 0 → 1/3. MAP: 1, 0, 0 → 1/3.
        // @2: nDCG q2 = (1/log2(3)) / (1 + 1/log2(3)) = 0.3868528072 → (1 + 0.3868528072) / 3 = 0.4622842691
        //     Recall q2 = 1/2 → (1 + 0.5) / 3 = 0.5. MRR q2 = 1/2 → 0.5. MAP q2 = (1/2) / 2 = 0.25 → 1.25 / 3.
        var q2Ndcg = 1 / Math.Log2(3) / (1 + (1 / Math.Log2(3)));
        Assert.Equal(2, scores.Count);
        Assert.Equal(1, scores[0].K);
        Assert.Equal(1.0 / 3, scores[0].Ndcg, Precision);
        Assert.Equal(1.0 / 3, scores[0].Recall, Precision);
        Assert.Equal(1.0 / 3, scores[0].Mrr, Precision);
        Assert.Equal(1.0 / 3, scores[0].Map, Precision);
        Assert.Equal(2, scores[1].K);
        Assert.Equal((1 + q2Ndcg) / 3, scores[1].Ndcg, Precision);
        Assert.Equal(0.4622842691, scores[1].Ndcg, 9);
        Assert.Equal(0.5, scores[1].Recall, Precision);
        Assert.Equal(0.5, scores[1].Mrr, Precision);
        Assert.Equal(1.25 / 3, scores[1].Map, Precision);
    }

    [Fact]
    public void Evaluate_NoJudgedQuery_Throws()
    {
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = new Dictionary<string, int> { ["a"] = 0 },
        };

        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Evaluate(qrels, new Dictionary<string, IReadOnlyList<string>>(), [10]));
    }

    [Fact]
    public void RankByScore_TiedScores_BreaksTiesByDocumentIdDescending()
    {
        var scores = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 2.0, ["c"] = 1.0, ["d"] = 0.5 };

        Assert.Equal(["b", "c", "a", "d"], RetrievalMetrics.RankByScore(scores));
    }

    [Fact]
    public void RankByScore_TiedRelevantAndIrrelevant_MatchesTrecEvalOrder()
    {
        // Both score 1; trec_eval puts "b" (irrelevant) before "a" (relevant): nDCG@2 = (1/log2(3)) / 1.
        var ranking = RetrievalMetrics.RankByScore(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });

        Assert.Equal(1 / Math.Log2(3), RetrievalMetrics.Ndcg(ranking, new Dictionary<string, int> { ["a"] = 1 }, 2), Precision);
    }
}
