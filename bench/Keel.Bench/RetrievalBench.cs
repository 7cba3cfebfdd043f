using System.Diagnostics;
using System.Globalization;

namespace Keel.Bench;

/// <summary>Keel's BM25 next to SQLite FTS5 on the same data in the same run: quality on SciFact and Cranfield,
/// indexing throughput and query latency at 100k chunks.</summary>
internal static class RetrievalBench
{
    public static async Task RunAsync(string data, int scale)
    {
        Console.WriteLine($"Keel retrieval bench — {DateTimeOffsetText()} — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("Quality (nDCG@10 graded, Recall@100, MRR@10; averaged over judged queries)");
        Console.WriteLine($"{"dataset",-12} {"system",-28} {"nDCG@10",8} {"R@100",8} {"MRR@10",8}");
        await QualityAsync("SciFact", BeirDataset.Load(Path.Combine(data, "scifact"), "test"), "target ≥ 0.68 / ≥ 0.92");
        await QualityAsync("Cranfield", BeirDataset.Load(Path.Combine(data, "cranfield", "beir"), "test"), "target ≥ 0.36");
        Console.WriteLine();
        await ScaleAsync(BeirDataset.Load(Path.Combine(data, "scifact"), "test"), scale);
    }

    private static async Task QualityAsync(string name, BeirDataset dataset, string target)
    {
        var documents = dataset.Corpus.Select(d => (d.Id, d.Title, d.Text)).ToList();
        using var keel = new KeelBm25Harness();
        await keel.IndexAsync(documents);
        using var fts5 = new Fts5Harness();
        fts5.Index(documents);

        var keelRankings = new Dictionary<string, IReadOnlyList<string>>();
        var ftsRankings = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var query in dataset.Queries)
        {
            keelRankings[query.Id] = await keel.RankAsync(query.Text, 100);
            ftsRankings[query.Id] = fts5.Rank(query.Text, 100);
        }

        Print(name, "Keel BM25 (k1=1.2, b=0.75)", RetrievalMetrics.Evaluate(dataset.Qrels, keelRankings, [10, 100]), target);
        Print(name, "SQLite FTS5 bm25(), OR query", RetrievalMetrics.Evaluate(dataset.Qrels, ftsRankings, [10, 100]), "");
    }

    private static void Print(string dataset, string system, IReadOnlyList<RetrievalScores> scores, string note) =>
        Console.WriteLine($"{dataset,-12} {system,-28} {scores[0].Ndcg,8:0.0000} {scores[1].Recall,8:0.0000} {scores[0].Mrr,8:0.0000}  {note}");

    private static async Task ScaleAsync(BeirDataset dataset, int scale)
    {
        var repeats = (int)Math.Ceiling(scale / (double)dataset.Corpus.Count);
        var documents = Enumerable.Range(0, repeats)
            .SelectMany(r => dataset.Corpus.Select(d => ($"{r}:{d.Id}", d.Title, d.Text)))
            .Take(scale)
            .ToList();
        Console.WriteLine($"Scale: SciFact repeated to {documents.Count:N0} chunks; indexing single-threaded; queries = {dataset.Queries.Count} SciFact test claims, top 10, on one core");

        using var keel = new KeelBm25Harness();
        var keelIndex = await keel.IndexAsync(documents);
        using var fts5 = new Fts5Harness();
        var ftsIndex = fts5.Index(documents);

        // One core for the latency runs, as the target says.
        using var process = Process.GetCurrentProcess();
        var affinity = process.ProcessorAffinity;
        process.ProcessorAffinity = 1;
        try
        {
            var keelLatencies = await TimeAsync(dataset.Queries, q => keel.RankAsync(q.Text, 10));
            var ftsLatencies = await TimeAsync(dataset.Queries, q => Task.FromResult(fts5.Rank(q.Text, 10)));
            var searchLatencies = await TimeAsync(dataset.Queries, async q => (IReadOnlyList<string>)[.. (await keel.DocumentSearcher.SearchAsync(q.Text, 10, new SearchOptions { Mode = RetrievalMode.Lexical }, CancellationToken.None)).Hits.Select(h => h.Source)]);
            Console.WriteLine($"{"system",-28} {"index chunks/s",15} {"p50 ms",8} {"p95 ms",8} {"mean ms",8}");
            Console.WriteLine($"{"Keel BM25",-28} {documents.Count / keelIndex.TotalSeconds,15:N0} {Percentiles.Of(keelLatencies, 0.50),8:0.00} {Percentiles.Of(keelLatencies, 0.95),8:0.00} {keelLatencies.Average(),8:0.00}  target ≥ 8,000/s, p95 ≤ 20 ms");
            Console.WriteLine($"{"Keel search (+ text, snippets)",-28} {"",15} {Percentiles.Of(searchLatencies, 0.50),8:0.00} {Percentiles.Of(searchLatencies, 0.95),8:0.00} {searchLatencies.Average(),8:0.00}  what keel search does per query");
            Console.WriteLine($"{"SQLite FTS5 bm25(), OR",-28} {documents.Count / ftsIndex.TotalSeconds,15:N0} {Percentiles.Of(ftsLatencies, 0.50),8:0.00} {Percentiles.Of(ftsLatencies, 0.95),8:0.00} {ftsLatencies.Average(),8:0.00}");
        }
        finally
        {
            process.ProcessorAffinity = affinity;
        }
    }

    private static async Task<List<double>> TimeAsync(IReadOnlyList<BeirQuery> queries, Func<BeirQuery, Task<IReadOnlyList<string>>> run)
    {
        foreach (var query in queries.Take(20))
        {
            await run(query); // warm-up: JIT, page cache
        }

        var latencies = new List<double>(queries.Count * 3);
        for (var round = 0; round < 3; round++)
        {
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                await run(query);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return latencies;
    }

    private static string DateTimeOffsetText() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
