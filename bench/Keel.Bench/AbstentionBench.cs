using System.Diagnostics;

namespace Keel.Bench;

/// <summary>How well <c>keel ask</c> knows when to answer: with SciFact's corpus indexed, SciFact claims should be
/// answered and Cranfield's aeronautics queries (out of domain) refused. Keel's abstention by words (lexical retrieval,
/// today's behaviour with embeddings off) and by words and meaning (hybrid retrieval, embeddings on) are printed beside
/// a plain threshold on the top BM25 score, all tuned on the same split in the same run. Then citation verification:
/// a claim against an abstract that is about it versus the best-ranked one that is not.</summary>
/// <remarks>Tuning split: SciFact train claims + Cranfield queries at odd positions. Reported split: SciFact test
/// claims + Cranfield queries at even positions (and all 225, for reference). Nothing is tuned on the reported split.
/// The index is the cached one the hybrid bench builds (same text, same vectors as <c>keel ingest</c>).</remarks>
internal static class AbstentionBench
{
    private const int TopK = 5;

    public static async Task RunAsync(string data, string cache, int trainLimit)
    {
        var scifactTest = BeirDataset.Load(Path.Combine(data, "scifact"), "test");
        var scifactTrain = BeirDataset.Load(Path.Combine(data, "scifact"), "train");
        var cranfield = BeirDataset.Load(Path.Combine(data, "cranfield", "beir"), "test").Queries;
        var trainQueries = scifactTrain.Queries.Take(trainLimit).ToList();

        using var keel = new KeelBm25Harness(cacheDirectory: Path.Combine(cache, "scifact"));
        var cached = keel.Cached;
        var build = await keel.IndexAsync(scifactTest.Corpus.Select(d => (d.Id, d.Title, d.Text)), batch: 256, embed: true);
        var lexicalAnswerer = new ExtractiveAnswerer(keel.Config.Ask, Embedder.WithoutModels(new EmbeddingsConfig { Model = EmbeddingsConfig.None }));
        var ask = keel.Config.Ask;

        var words = new Run(keel, lexicalAnswerer, RetrievalMode.Lexical);
        var meaning = new Run(keel, keel.Answerer, RetrievalMode.Hybrid);
        foreach (var run in new[] { words, meaning })
        {
            run.Train = await run.MeasureAsync(trainQueries);
            run.Test = await run.MeasureAsync(scifactTest.Queries);
            var all = await run.MeasureAsync(cranfield);
            run.CranfieldAll = all;
            run.CranfieldTune = [.. all.Where((_, i) => i % 2 == 1)];
            run.CranfieldEven = [.. all.Where((_, i) => i % 2 == 0)];
        }

        Console.WriteLine($"Abstention — SciFact corpus ({scifactTest.Corpus.Count:N0} docs) indexed ({(cached is null ? $"built in {build.TotalSeconds:0} s" : "reused from " + keel.Location)}), top {TopK} chunks");
        Console.WriteLine($"tuned on SciFact train ({words.Train.Count} of {scifactTrain.Queries.Count}) + Cranfield odd ({words.CranfieldTune.Count}); reported on SciFact test ({words.Test.Count}) + Cranfield even ({words.CranfieldEven.Count}) and all ({words.CranfieldAll.Count})");
        Console.WriteLine();
        Console.WriteLine($"{"method",-58} {"threshold",9} {"SciFact answered",17} {"Cranfield refused (even/all)",29}");
        var supportThreshold = Tune(words.Train.Select(m => m.Support), words.CranfieldTune.Select(m => m.Support));
        var scoreThreshold = Tune(words.Train.Select(m => m.TopScore), words.CranfieldTune.Select(m => m.TopScore));
        words.Row("Words: lexical search, configured ask.min_support", ask.MinSupport, m => m.Support);
        words.Row("Words: lexical search, min_support best on tuning", supportThreshold, m => m.Support);
        words.Row("Plain BM25 top-score threshold (baseline)", scoreThreshold, m => m.TopScore);

        var tuned = Enumerable.Range(0, 21).Select(i => i / 20.0)
            .Select(w => (Weight: w, Threshold: Tune(meaning.Train.Select(m => m.Mixed(w)), meaning.CranfieldTune.Select(m => m.Mixed(w)))))
            .MaxBy(c => Rate(meaning.Train, m => m.Mixed(c.Weight) >= c.Threshold) + Rate(meaning.CranfieldTune, m => m.Mixed(c.Weight) < c.Threshold));
        var meaningOnly = Tune(meaning.Train.Select(m => m.Mixed(1)), meaning.CranfieldTune.Select(m => m.Mixed(1)));
        meaning.Row($"Words + meaning: hybrid, configured (w={ask.MeaningWeight:0.00})", ask.MinScore, m => m.Mixed(ask.MeaningWeight));
        meaning.Row($"Words + meaning: hybrid, tuned (w={tuned.Weight:0.00})", tuned.Threshold, m => m.Mixed(tuned.Weight));
        meaning.Row("Meaning only (best sentence cosine), tuned", meaningOnly, m => m.Mixed(1));
        Console.WriteLine("targets: answered ≥ 95%, refused ≥ 95%; w = ask.meaning_weight, threshold = ask.min_score (ask.min_support for words alone)");
        Console.WriteLine();

        foreach (var (name, run, answered) in new[]
        {
            ("words, configured", words, (Func<Measurement, bool>)(m => m.Support >= ask.MinSupport)),
            ("words + meaning, configured", meaning, m => m.Mixed(ask.MeaningWeight) >= ask.MinScore),
        })
        {
            var kept = run.Test.Where(answered).ToList();
            var grounded = kept.Count(m => m.FirstCitation is not null && scifactTest.Qrels[m.QueryId].ContainsKey(m.FirstCitation));
            Console.WriteLine($"SciFact test claims answered ({name}) citing a relevant abstract first: {grounded * 100.0 / Math.Max(1, kept.Count):0.0}% ({grounded}/{kept.Count})");
        }

        Console.WriteLine($"Answer step (choosing sentences) per SciFact test claim, ms p50/p95: words {Percentiles.Of(words.AnswerMs, 0.5):0.0}/{Percentiles.Of(words.AnswerMs, 0.95):0.0}; words + meaning (embeds the question and up to {ExtractiveAnswerer.MaxSentencesEmbedded} sentences) {Percentiles.Of(meaning.AnswerMs, 0.5):0.0}/{Percentiles.Of(meaning.AnswerMs, 0.95):0.0}");
        Console.WriteLine();
        await VerificationAsync(keel, scifactTrain, trainQueries, scifactTest);
    }

    /// <summary>Citation verification alone (the last part of the abstention bench).</summary>
    public static async Task RunCitationsAsync(string data, string cache, int trainLimit)
    {
        var scifactTest = BeirDataset.Load(Path.Combine(data, "scifact"), "test");
        var scifactTrain = BeirDataset.Load(Path.Combine(data, "scifact"), "train");
        using var keel = new KeelBm25Harness(cacheDirectory: Path.Combine(cache, "scifact"));
        await keel.IndexAsync(scifactTest.Corpus.Select(d => (d.Id, d.Title, d.Text)), batch: 256, embed: true);
        await VerificationAsync(keel, scifactTrain, [.. scifactTrain.Queries.Take(trainLimit)], scifactTest);
    }

    /// <summary>A SciFact claim checked as if it were an answer sentence citing an abstract: against a relevant
    /// abstract (should be supported) and against the best-ranked non-relevant one from retrieval (should be flagged).</summary>
    private static async Task VerificationAsync(KeelBm25Harness keel, BeirDataset train, List<BeirQuery> trainQueries, BeirDataset test)
    {
        var corpus = test.Corpus.ToDictionary(d => d.Id, d => d.Text);
        var verifier = new CitationVerifier(keel.Config.Ask, keel.Embedder);
        async Task<(List<double> Positive, List<double> Negative)> ScoreAsync(BeirDataset dataset, IEnumerable<BeirQuery> queries)
        {
            var claims = new List<(string, IReadOnlyList<string>)>();
            var positive = new List<bool>();
            foreach (var query in queries)
            {
                var retrieval = await keel.DocumentSearcher.RetrieveAsync(query.Text, TopK, new SearchOptions { Mode = RetrievalMode.Hybrid }, CancellationToken.None);
                var relevant = dataset.Qrels[query.Id].Keys.First();
                claims.Add((query.Text, [corpus[relevant]]));
                positive.Add(true);
                if (retrieval.Chunks.Select(c => c.Chunk.Path).FirstOrDefault(path => !dataset.Qrels[query.Id].ContainsKey(path)) is { } negative)
                {
                    claims.Add((query.Text, [corpus[negative]]));
                    positive.Add(false);
                }
            }

            var scores = await verifier.ScoreAsync(claims, CancellationToken.None);
            return ([.. scores.Where((_, i) => positive[i]).Select(s => s.Score)], [.. scores.Where((_, i) => !positive[i]).Select(s => s.Score)]);
        }

        var (trainPositive, trainNegative) = await ScoreAsync(train, trainQueries);
        var (testPositive, testNegative) = await ScoreAsync(test, test.Queries);
        var threshold = Tune(trainPositive, trainNegative);
        var configured = keel.Config.Ask.MinCitationSupport;
        Console.WriteLine($"Citation verification — SciFact claim vs a relevant abstract (should pass) and vs the best-ranked irrelevant one (should be flagged); words + meaning, w={keel.Config.Ask.MeaningWeight:0.00}");
        Console.WriteLine($"{"threshold",-40} {"relevant passed (test)",23} {"irrelevant flagged (test)",26}");
        foreach (var (name, t) in new[] { ($"configured ask.min_citation_support {configured:0.00}", configured), ($"best on train {threshold:0.000}", threshold) })
        {
            Console.WriteLine($"{name,-40} {testPositive.Count(s => s >= t) * 100.0 / testPositive.Count,22:0.0}% {testNegative.Count(s => s < t) * 100.0 / Math.Max(1, testNegative.Count),25:0.0}%");
        }
    }

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

    /// <summary>One way of answering (retrieval mode and answerer), measured on every split.</summary>
    private sealed class Run(KeelBm25Harness keel, ExtractiveAnswerer answerer, RetrievalMode mode)
    {
        public List<Measurement> Train { get; set; } = [];

        public List<Measurement> Test { get; set; } = [];

        public List<Measurement> CranfieldTune { get; set; } = [];

        public List<Measurement> CranfieldEven { get; set; } = [];

        public List<Measurement> CranfieldAll { get; set; } = [];

        public List<double> AnswerMs { get; } = [];

        public void Row(string name, double threshold, Func<Measurement, double> signal) =>
            Console.WriteLine($"{name,-58} {threshold,9:0.000} {Rate(Test, m => signal(m) >= threshold),16:0.0}% {Rate(CranfieldEven, m => signal(m) < threshold),14:0.0}% / {Rate(CranfieldAll, m => signal(m) < threshold),5:0.0}%");

        public async Task<List<Measurement>> MeasureAsync(IReadOnlyList<BeirQuery> queries)
        {
            var measurements = new List<Measurement>(queries.Count);
            foreach (var query in queries)
            {
                var retrieval = await keel.DocumentSearcher.RetrieveAsync(query.Text, TopK, new SearchOptions { Mode = mode }, CancellationToken.None);
                var started = Stopwatch.GetTimestamp();
                var answer = await answerer.AnswerAsync(query.Text, retrieval, CancellationToken.None);
                AnswerMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var topScore = retrieval.Bm25.Hits.Count == 0 ? 0 : retrieval.Bm25.Hits[0].Score;
                measurements.Add(new Measurement(query.Id, answer.Signals, topScore, answer.Citations.FirstOrDefault()?.Source));
            }

            return measurements;
        }
    }

    private sealed record Measurement(string QueryId, AnswerSignals Signals, double TopScore, string? FirstCitation)
    {
        public double Support => Signals.BestSupport;

        /// <summary>The best sentence's score at meaning weight <paramref name="weight"/>.</summary>
        public double Mixed(double weight) =>
            Signals.Sentences.Count == 0 ? 0 : Signals.Sentences.Max(s => ((1 - weight) * s.Support) + (weight * s.Similarity));
    }
}
