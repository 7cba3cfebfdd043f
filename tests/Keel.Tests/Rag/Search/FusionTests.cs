namespace Keel.Tests.Rag.Search;

/// <summary>Hybrid fusion against hand-computed values.</summary>
public sealed class FusionTests
{
    private static readonly (long, double)[] Lexical = [(1, 10.0), (2, 5.0), (3, 0.0)];
    private static readonly (long, double)[] Vector = [(3, 0.9), (4, 0.5)];

    [Fact]
    public void Fuse_Convex_MixesMinMaxNormalisedScores()
    {
        // BM25 normalised: 1 → 1, 2 → 0.5, 3 → 0; cosine normalised: 3 → 1, 4 → 0.
        // 0.6·BM25 + 0.4·cosine: 1 → 0.6, 2 → 0.3, 3 → 0.4, 4 → 0.
        var fused = Searcher(new SearchConfig { Fusion = FusionMethod.Convex, ConvexAlpha = 0.6 }).Fuse(Lexical, Vector, 10);

        Assert.Equal([1L, 3, 2, 4], fused.Select(h => h.ChunkId));
        Assert.Equal([0.6, 0.4, 0.3, 0.0], fused.Select(h => Math.Round(h.Score, 10)));
    }

    [Fact]
    public void Fuse_Rrf_AddsWeightOverKPlusRank()
    {
        // k = 1: 1 → 1/2, 2 → 1/3, 3 → 1/4 + 1/2, 4 → 1/3 (ties by chunk id).
        var fused = Searcher(new SearchConfig { Fusion = FusionMethod.Rrf, RrfK = 1 }).Fuse(Lexical, Vector, 3);

        Assert.Equal([3L, 1, 2], fused.Select(h => h.ChunkId));
        Assert.Equal(0.75, fused[0].Score, precision: 10);
    }

    private static DocumentSearcher Searcher(SearchConfig config) => new(null!, null!, null!, config, vectorsEnabled: true);
}
