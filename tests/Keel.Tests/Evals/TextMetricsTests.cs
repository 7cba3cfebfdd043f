namespace Keel.Tests.Evals;

public sealed class TextMetricsTests
{
    private const string Candidate = "The cat sat on the mat.";
    private const string Reference = "the cat is on the mat";

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Levenshtein_KnownPairs_CountsEdits(string a, string b, int distance)
    {
        Assert.Equal(distance, TextMetrics.Levenshtein(a, b));
    }

    [Fact]
    public void RougeN_Unigrams_IsF1OfClippedOverlap()
    {
        // the×2, cat, on, mat overlap: 5 of 6 on both sides.
        Assert.Equal(5.0 / 6, TextMetrics.RougeN(Candidate, Reference, 1), 9);
    }

    [Fact]
    public void RougeN_Bigrams_IsF1OfClippedOverlap()
    {
        // "the cat", "on the", "the mat" of 5 bigrams each.
        Assert.Equal(0.6, TextMetrics.RougeN(Candidate, Reference, 2), 9);
    }

    [Fact]
    public void RougeL_LongestCommonSubsequence_IsF1()
    {
        // LCS "the cat on the mat" = 5 words of 6.
        Assert.Equal(5.0 / 6, TextMetrics.RougeL(Candidate, Reference), 9);
    }

    [Fact]
    public void Bleu_UpToBigrams_IsGeometricMeanOfPrecisions()
    {
        Assert.Equal(Math.Sqrt(5.0 / 6 * 3 / 5), TextMetrics.Bleu(Candidate, Reference, 2), 9);
    }

    [Fact]
    public void Bleu_NoMatchingFourGram_IsZeroWithoutSmoothing()
    {
        Assert.Equal(0, TextMetrics.Bleu(Candidate, Reference, 4));
    }

    [Fact]
    public void Bleu_ShortCandidate_AppliesBrevityPenalty()
    {
        Assert.Equal(Math.Exp(-2), TextMetrics.Bleu("the cat", Reference, 1), 9);
    }
}
