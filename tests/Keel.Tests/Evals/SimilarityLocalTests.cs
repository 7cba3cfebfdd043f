namespace Keel.Tests.Evals;

public sealed class SimilarityLocalTests
{
    [Fact]
    public async Task Similarity_LocalEmbedder_ParaphrasePassesUnrelatedFails()
    {
        using var embedder = new LocalEmbeddingGenerator();
        var context = new AssertionContext(Path.GetTempPath(), () => embedder, () => throw new InvalidOperationException());
        var assertion = AssertionFactory.Create(new EvalAssertionConfig { Type = "similarity", Threshold = 0.6 }, context, "t");
        var expected = "Customers can get a full refund within 30 days of purchase.";

        var paraphrase = await assertion.EvaluateAsync(new EvalOutput { CaseId = "a", Input = "q", Output = "You can get all your money back if you ask within thirty days of buying.", Expected = expected }, CancellationToken.None);
        var unrelated = await assertion.EvaluateAsync(new EvalOutput { CaseId = "b", Input = "q", Output = "The EU Central data center region is in Frankfurt.", Expected = expected }, CancellationToken.None);

        Assert.True(paraphrase.Status == EvalStatus.Pass, paraphrase.Reason);
        Assert.True(unrelated.Status == EvalStatus.Fail, unrelated.Reason);
        Assert.True(paraphrase.Score > unrelated.Score + 0.3, $"{paraphrase.Score} vs {unrelated.Score}");
    }
}
