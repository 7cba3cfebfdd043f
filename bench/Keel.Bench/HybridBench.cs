using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;

namespace Keel.Bench;

/// <summary>BM25 alone, vectors alone and hybrid on SciFact test, side by side, from one index built the way
/// <c>keel ingest</c> builds it (same chunk text, same local model); fusion tuned on SciFact train claims (same corpus),
/// never on test. Then exact vector search latency at 100k × 384 on one core.</summary>
/// <remarks>Embedding SciFact's 5,183 abstracts takes minutes on two cores, so the index lives in a cache directory
/// and later runs reuse it; ingest throughput is then measured on a fresh sample.</remarks>
internal static class HybridBench
{
    private const int Depth = 100;

    public static async Task RunAsync(string data, string cache, int ingestSample)
    {
        Console.WriteLine($"Keel hybrid retrieval bench — {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var test = BeirDataset.Load(Path.Combine(data, "scifact"), "test");
        var train = BeirDataset.Load(Path.Combine(data, "scifact"), "train");
        var documents = test.Corpus.Select(d => (d.Id, d.Title, d.Text)).ToList();

        using var keel = new KeelBm25Harness(cacheDirectory: Path.Combine(cache, "scifact"));
        var cached = keel.Cached;
        var build = await keel.IndexAsync(documents, batch: 256, embed: true);
        Console.WriteLine(cached is null
            ? $"Index: SciFact corpus, {documents.Count:N0} chunks, BM25 + {keel.Embedder.Key} vectors, built in {build.TotalSeconds:0.0} s ({documents.Count / build.TotalSeconds:0.0} chunks/s); kept in {keel.Location} for later runs"
            : $"Index: reused from {keel.Location} ({cached}); delete it to rebuild");
        await IngestRateAsync(documents.Take(ingestSample).ToList());
        Console.WriteLine();

        var search = keel.Config.Search;
        var defaults = new DocumentSearcher(keel.Store, keel.Searcher, keel.Vectors, search, vectorsEnabled: true);
        var trainLists = await ListsAsync(keel, train.Queries);
        var testLists = await ListsAsync(keel, test.Queries);

        var rrf = TuneRrf(keel, search, train, trainLists);
        var convex = TuneConvex(keel, search, train, trainLists);
        Console.WriteLine($"Tuned on SciFact train ({train.Queries.Count} claims): RRF k={rrf.K}, lexical_weight={rrf.Lexical:0.0}, vector_weight={rrf.Vector:0.0} (train nDCG@10 {rrf.Ndcg:0.0000}); convex α·BM25 + (1-α)·cosine, min-max normalised: α={convex.Alpha:0.00} (train nDCG@10 {convex.Ndcg:0.0000})");
        Console.WriteLine($"Configured: fusion={search.Fusion}, convex_alpha={search.ConvexAlpha}, rrf_k={search.RrfK}, lexical_weight={search.LexicalWeight}, vector_weight={search.VectorWeight}, fusion_depth={search.FusionDepth}, min_similarity={search.MinSimilarity}");
        Console.WriteLine();
        Console.WriteLine($"SciFact test ({test.Queries.Count} claims)     {"nDCG@10",8} {"R@100",8} {"p50 ms",8} {"p95 ms",8}");
        foreach (var mode in new[] { RetrievalMode.Lexical, RetrievalMode.Vector, RetrievalMode.Hybrid })
        {
            var rankings = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var query in test.Queries)
            {
                var retrieval = await defaults.RetrieveAsync(query.Text, Depth, new SearchOptions { Mode = mode }, CancellationToken.None);
                rankings[query.Id] = [.. retrieval.Chunks.Select(c => c.Chunk.Path)];
            }

            var latencies = await TimeAsync(test.Queries, q => defaults.RetrieveAsync(q.Text, 10, new SearchOptions { Mode = mode }, CancellationToken.None));
            var name = mode switch { RetrievalMode.Lexical => "BM25 alone", RetrievalMode.Vector => "vectors alone (MiniLM)", _ => $"hybrid, default ({search.Fusion.ToString().ToLowerInvariant()})" };
            Print(name, test.Qrels, rankings, $"{Percentiles.Of(latencies, 0.5),8:0.00} {Percentiles.Of(latencies, 0.95),8:0.00}");
        }

        var tuned = new DocumentSearcher(keel.Store, keel.Searcher, keel.Vectors, search with { Fusion = FusionMethod.Rrf, RrfK = rrf.K, LexicalWeight = rrf.Lexical, VectorWeight = rrf.Vector }, vectorsEnabled: true);
        Print($"hybrid, RRF k=60, weights 1", test.Qrels, Rank(keel, testLists, (l, v) => Fuser(keel, search with { Fusion = FusionMethod.Rrf, RrfK = 60, LexicalWeight = 1, VectorWeight = 1 }).Fuse(l, v, Depth)), "");
        Print($"hybrid, RRF tuned on train", test.Qrels, Rank(keel, testLists, (l, v) => tuned.Fuse(l, v, Depth)), "");
        Print($"hybrid, convex α={convex.Alpha:0.00} (train)", test.Qrels, Rank(keel, testLists, (l, v) => Fuser(keel, search with { Fusion = FusionMethod.Convex, ConvexAlpha = convex.Alpha }).Fuse(l, v, Depth)), "");
        Console.WriteLine("targets: hybrid nDCG@10 ≥ 0.72 and never below the better single list; latency: retrieve top 10 incl. query embedding and chunk text, both cores");
        Console.WriteLine();

        ExactSearchLatency(100_000);
    }

    private static async Task IngestRateAsync(List<(string Id, string Title, string Text)> sample)
    {
        using var lexical = new KeelBm25Harness();
        var lexicalTime = await lexical.IndexAsync(sample, batch: 256);
        using var embedded = new KeelBm25Harness();
        await embedded.Embedder.EmbedAsync("warm up", CancellationToken.None); // load the model outside the timing
        var embeddedTime = await embedded.IndexAsync(sample, batch: 256, embed: true);
        Console.WriteLine($"Ingest, first {sample.Count} SciFact abstracts into a fresh store: BM25 only {sample.Count / lexicalTime.TotalSeconds,8:N0} chunks/s; BM25 + local embeddings {sample.Count / embeddedTime.TotalSeconds,6:0.0} chunks/s");
    }

    private static async Task<Dictionary<string, Lists>> ListsAsync(KeelBm25Harness keel, IReadOnlyList<BeirQuery> queries)
    {
        var lists = new Dictionary<string, Lists>(queries.Count);
        var terms = new List<string>();
        foreach (var query in queries)
        {
            terms.Clear();
            EnglishAnalyzer.Analyze(query.Text, terms);
            var lexical = await keel.Searcher.SearchAsync([.. terms], Depth);
            var vector = await keel.Vectors.SearchAsync(query.Text, Depth, null, CancellationToken.None);
            lists[query.Id] = new Lists(lexical.Hits, vector.Hits);
        }

        return lists;
    }

    private static (int K, double Lexical, double Vector, double Ndcg) TuneRrf(KeelBm25Harness keel, SearchConfig search, BeirDataset train, Dictionary<string, Lists> lists)
    {
        var best = (K: 0, Lexical: 0.0, Vector: 0.0, Ndcg: -1.0);
        foreach (var k in new[] { 1, 2, 5, 10, 20, 30, 40, 60, 80, 100 })
        {
            foreach (var vectorWeight in new[] { 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0 })
            {
                var fuser = new DocumentSearcher(keel.Store, keel.Searcher, keel.Vectors, search with { Fusion = FusionMethod.Rrf, RrfK = k, LexicalWeight = 1.0, VectorWeight = vectorWeight }, vectorsEnabled: true);
                var ndcg = RetrievalMetrics.Evaluate(train.Qrels, Rank(keel, lists, (l, v) => fuser.Fuse(l, v, Depth)), [10])[0].Ndcg;
                if (ndcg > best.Ndcg + 1e-9)
                {
                    best = (k, 1.0, vectorWeight, ndcg);
                }
            }
        }

        return best;
    }

    private static (double Alpha, double Ndcg) TuneConvex(KeelBm25Harness keel, SearchConfig search, BeirDataset train, Dictionary<string, Lists> lists)
    {
        var best = (Alpha: 0.0, Ndcg: -1.0);
        for (var alpha = 0.0; alpha <= 1.0001; alpha += 0.05)
        {
            var a = alpha;
            var ndcg = RetrievalMetrics.Evaluate(train.Qrels, Rank(keel, lists, (l, v) => Fuser(keel, search with { Fusion = FusionMethod.Convex, ConvexAlpha = a }).Fuse(l, v, Depth)), [10])[0].Ndcg;
            if (ndcg > best.Ndcg + 1e-9)
            {
                best = (Math.Round(alpha, 2), ndcg);
            }
        }

        return best;
    }

    private static DocumentSearcher Fuser(KeelBm25Harness keel, SearchConfig search) => new(keel.Store, keel.Searcher, keel.Vectors, search, vectorsEnabled: true);

    private static Dictionary<string, IReadOnlyList<string>> Rank(KeelBm25Harness keel, Dictionary<string, Lists> lists, Func<IReadOnlyList<(long ChunkId, double Score)>, IReadOnlyList<(long ChunkId, double Score)>, List<(long ChunkId, double Score)>> fuse) =>
        lists.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. fuse(p.Value.Lexical, p.Value.Vector).Select(h => keel.DocumentOf(h.ChunkId))]);

    private static void Print(string system, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels, Dictionary<string, IReadOnlyList<string>> rankings, string latency)
    {
        var scores = RetrievalMetrics.Evaluate(qrels, rankings, [10, 100]);
        Console.WriteLine($"{system,-32} {scores[0].Ndcg,8:0.0000} {scores[1].Recall,8:0.0000} {latency}");
    }

    /// <summary>Exact top-10 search over random unit vectors on one core, Keel's <see cref="VectorSearcher"/> beside a
    /// plain scalar loop over the same data.</summary>
    public static void ExactSearchLatency(int rows)
    {
        const int Dimensions = 384;
        var random = new Random(7);
        var vectors = new float[rows * Dimensions];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var row = 0; row < rows; row++)
        {
            var span = vectors.AsSpan(row * Dimensions, Dimensions);
            TensorPrimitives.Divide(span, TensorPrimitives.Norm(span), span);
        }

        var snapshot = new VectorSnapshot(1, [.. Enumerable.Range(0, rows).Select(i => (long)i)], vectors, Dimensions);
        var queries = Enumerable.Range(0, 200).Select(q => vectors.AsSpan((q * 37 % rows) * Dimensions, Dimensions).ToArray()).ToList();

        using var process = Process.GetCurrentProcess();
        var affinity = process.ProcessorAffinity;
        process.ProcessorAffinity = 1;
        try
        {
            var keel = Time(queries, q => VectorSearcher.Nearest(snapshot, q, 10, null, -1f).Count);
            var scalar = Time(queries, q => ScalarTop10(vectors, Dimensions, q));
            Console.WriteLine($"Exact vector search, {rows:N0} × {Dimensions} random unit vectors, top 10, one core ({queries.Count} queries)");
            Console.WriteLine($"{"system",-40} {"p50 ms",8} {"p95 ms",8}");
            Console.WriteLine($"{"Keel VectorSearcher (TensorPrimitives)",-40} {Percentiles.Of(keel, 0.5),8:0.00} {Percentiles.Of(keel, 0.95),8:0.00}  target p50 ≤ 12 ms");
            Console.WriteLine($"{"scalar loop, same data (baseline)",-40} {Percentiles.Of(scalar, 0.5),8:0.00} {Percentiles.Of(scalar, 0.95),8:0.00}");
        }
        finally
        {
            process.ProcessorAffinity = affinity;
        }
    }

    private static int ScalarTop10(float[] vectors, int dimensions, float[] query)
    {
        var best = new float[10];
        Array.Fill(best, float.MinValue);
        for (var row = 0; row < vectors.Length / dimensions; row++)
        {
            var dot = 0f;
            var offset = row * dimensions;
            for (var d = 0; d < dimensions; d++)
            {
                dot += vectors[offset + d] * query[d];
            }

            if (dot > best[9])
            {
                var i = 9;
                while (i > 0 && best[i - 1] < dot)
                {
                    best[i] = best[i - 1];
                    i--;
                }

                best[i] = dot;
            }
        }

        return best.Length;
    }

    private static List<double> Time(List<float[]> queries, Func<float[], int> run)
    {
        foreach (var query in queries.Take(10))
        {
            run(query);
        }

        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            run(query);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<List<double>> TimeAsync(IReadOnlyList<BeirQuery> queries, Func<BeirQuery, Task<Retrieval>> run)
    {
        foreach (var query in queries.Take(10))
        {
            await run(query);
        }

        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            await run(query);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private sealed record Lists(IReadOnlyList<(long ChunkId, double Score)> Lexical, IReadOnlyList<(long ChunkId, double Score)> Vector);
}
