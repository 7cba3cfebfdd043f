namespace Keel.Bench;

/// <summary>How well <c>keel ask</c> knows when to answer: with SciFact's corpus indexed, SciFact claims should be
/// answered and Cranfield's aeronautics queries (out of domain) refused. Keel's support-based abstention is printed
/// beside a plain threshold on the top BM25 score, both tuned on the same split in the same run.</summary>
/// <remarks>Tuning split: SciFact train claims + Cranfield queries at odd positions. Reported split: SciFact test
/// claims + Cranfield queries at even positions (and all 225, for reference). Nothing is tuned on the reported split.</remarks>
internal static class AbstentionBench
{
    private const int TopK = 5;

    public static async Task RunAsync(string data)
    {
        var scifactTest = BeirDataset.Load(Path.Combine(data, "scifact"), "test");
        var scifactTrain = BeirDataset.Load(Path.Combine(data, "scifact"), "train");
        var cranfield = BeirDataset.Load(Path.Combine(data, "cranfield", "beir"), "test").Queries;
        var cranfieldTune = cranfield.Where((_, i) => i % 2 == 1).ToList();
        var cranfieldReport = cranfield.Where((_, i) => i % 2 == 0).ToList();

        using var keel = new KeelBm25Harness();
        await keel.IndexAsync(scifactTest.Corpus.Select(d => (d.Id, d.Title, d.Text)));

        var trainClaims = await MeasureAsync(keel, scifactTrain.Queries);
        var tuneRefusals = await MeasureAsync(keel, cranfieldTune);
        var testClaims = await MeasureAsync(keel, scifactTest.Queries);
        var reportRefusals = await MeasureAsync(keel, cranfieldReport);
        var allRefusals = await MeasureAsync(keel, cranfield);

        var supportThreshold = Tune(trainClaims.Select(m => m.Support), tuneRefusals.Select(m => m.Support));
        var scoreThreshold = Tune(trainClaims.Select(m => m.TopScore), tuneRefusals.Select(m => m.TopScore));
        var configured = new AskConfig().MinSupport;

        Console.WriteLine($"Abstention — SciFact corpus ({scifactTest.Corpus.Count:N0} docs) indexed, top {TopK} chunks");
        Console.WriteLine($"tuned on SciFact train ({trainClaims.Count}) + Cranfield odd ({tuneRefusals.Count}); reported on SciFact test ({testClaims.Count}) + Cranfield even ({reportRefusals.Count}) and all ({allRefusals.Count})");
        Console.WriteLine();
        Console.WriteLine($"{"method",-44} {"threshold",9} {"SciFact answered",17} {"Cranfield refused (even/all)",29}");
        Row($"Keel support, configured ask.min_support", configured, testClaims, reportRefusals, allRefusals, m => m.Support);
        Row($"Keel support, best on tuning split", supportThreshold, testClaims, reportRefusals, allRefusals, m => m.Support);
        Row($"Plain BM25 top-score threshold (baseline)", scoreThreshold, testClaims, reportRefusals, allRefusals, m => m.TopScore);
        Console.WriteLine("targets: answered ≥ 92%, refused ≥ 92%");
        Console.WriteLine();

        var answered = testClaims.Where(m => m.Support >= configured).ToList();
        var grounded = answered.Count(m => m.FirstCitation is not null && scifactTest.Qrels[m.QueryId].ContainsKey(m.FirstCitation));
        Console.WriteLine($"Of the SciFact test claims answered at ask.min_support = {configured}, {grounded * 100.0 / Math.Max(1, answered.Count):0.0}% cite a relevant abstract first ({grounded}/{answered.Count}).");
        Console.WriteLine();
        var passageThreshold = Tune(trainClaims.Select(m => m.Passage), tuneRefusals.Select(m => m.Passage));
        Row($"Keel passage coverage, best on tuning split", passageThreshold, testClaims, reportRefusals, allRefusals, m => m.Passage);
        var mix = Enumerable.Range(0, 11).Select(i => i / 10.0)
            .Select(alpha => (Alpha: alpha, Threshold: Tune(trainClaims.Select(m => Mix(m, alpha)), tuneRefusals.Select(m => Mix(m, alpha)))))
            .MaxBy(c => Rate(trainClaims, m => Mix(m, c.Alpha) >= c.Threshold) + Rate(tuneRefusals, m => Mix(m, c.Alpha) < c.Threshold));
        Row($"Keel {mix.Alpha:0.0}·support + {1 - mix.Alpha:0.0}·passage, tuned", mix.Threshold, testClaims, reportRefusals, allRefusals, m => Mix(m, mix.Alpha));
        var grid = Tune2D(trainClaims, tuneRefusals);
        Row($"Keel support ≥ {grid.Support:0.00} and passage ≥ {grid.Passage:0.00}", 0, testClaims, reportRefusals, allRefusals, m => m.Support >= grid.Support && m.Passage >= grid.Passage ? 1 : -1);
        Console.WriteLine("Passage sweep on the tuning split (answered / refused):");
        foreach (var threshold in new[] { 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75 })
        {
            Console.WriteLine($"  {threshold:0.00}: {Rate(trainClaims, m => m.Passage >= threshold),6:0.0}% / {Rate(tuneRefusals, m => m.Passage < threshold),6:0.0}%");
        }

        Console.WriteLine("Support sweep on the tuning split (answered / refused):");
        foreach (var threshold in new[] { 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7 })
        {
            Console.WriteLine($"  {threshold:0.00}: {Rate(trainClaims, m => m.Support >= threshold),6:0.0}% / {Rate(tuneRefusals, m => m.Support < threshold),6:0.0}%");
        }
    }

    private static void Row(string name, double threshold, List<Measurement> claims, List<Measurement> even, List<Measurement> all, Func<Measurement, double> signal) =>
        Console.WriteLine($"{name,-44} {threshold,9:0.000} {Rate(claims, m => signal(m) >= threshold),16:0.0}% {Rate(even, m => signal(m) < threshold),14:0.0}% / {Rate(all, m => signal(m) < threshold),5:0.0}%");

    private static double Rate(List<Measurement> measurements, Func<Measurement, bool> predicate) =>
        measurements.Count == 0 ? 0 : measurements.Count(predicate) * 100.0 / measurements.Count;

    /// <summary>The threshold that maximises the mean of the answered and refused rates (balanced accuracy).</summary>
    private static double Tune(IEnumerable<double> positives, IEnumerable<double> negatives)
    {
        var pos = positives.ToList();
        var neg = negatives.ToList();
        var best = (Threshold: 0.0, Score: -1.0);
        foreach (var candidate in pos.Concat(neg).Distinct().Order())
        {
            var score = (pos.Count(v => v >= candidate) / (double)pos.Count) + (neg.Count(v => v < candidate) / (double)neg.Count);
            if (score > best.Score)
            {
                best = (candidate, score);
            }
        }

        return best.Threshold;
    }

    private static double Mix(Measurement m, double alpha) => (alpha * m.Support) + ((1 - alpha) * m.Passage);

    private static (double Support, double Passage) Tune2D(List<Measurement> positives, List<Measurement> negatives)
    {
        var best = (Support: 0.0, Passage: 0.0, Score: -1.0);
        for (var support = 0.20; support <= 0.70; support += 0.01)
        {
            for (var passage = 0.20; passage <= 0.80; passage += 0.01)
            {
                var score = Rate(positives, m => m.Support >= support && m.Passage >= passage) + Rate(negatives, m => m.Support < support || m.Passage < passage);
                if (score > best.Score)
                {
                    best = (support, passage, score);
                }
            }
        }

        return (best.Support, best.Passage);
    }

    private static async Task<List<Measurement>> MeasureAsync(KeelBm25Harness keel, IReadOnlyList<BeirQuery> queries)
    {
        var measurements = new List<Measurement>(queries.Count);
        foreach (var query in queries)
        {
            var retrieval = await keel.DocumentSearcher.RetrieveAsync(query.Text, TopK, new SearchOptions { Mode = RetrievalMode.Lexical }, CancellationToken.None);
            var answer = keel.Answerer.Answer(query.Text, retrieval);
            var topScore = retrieval.Chunks.Count == 0 ? 0 : retrieval.Chunks[0].Score;
            measurements.Add(new Measurement(query.Id, answer.BestSupport, answer.PassageCoverage, topScore, answer.Citations.FirstOrDefault()?.Source));
        }

        return measurements;
    }

    private sealed record Measurement(string QueryId, double Support, double Passage, double TopScore, string? FirstCitation);
}
