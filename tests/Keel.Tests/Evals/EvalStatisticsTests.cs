namespace Keel.Tests.Evals;

public sealed class EvalStatisticsTests
{
    [Theory]
    [InlineData(8, 10, 0.490162472, 0.943317849)]
    [InlineData(0, 10, 0.0, 0.277532800)]
    [InlineData(20, 23, 0.678725177, 0.954623409)]
    public void Wilson_KnownCounts_MatchesTheClosedForm(int passed, int total, double low, double high)
    {
        var (l, h) = EvalStatistics.Wilson(passed, total);

        Assert.Equal(low, l, 6);
        Assert.Equal(high, h, 6);
    }

    [Theory]
    [InlineData(10, 2, 0.03857421875)]
    [InlineData(5, 0, 0.0625)]
    [InlineData(3, 3, 1.0)]
    [InlineData(0, 0, 1.0)]
    public void McNemarExactP_DiscordantPairs_IsTheTwoSidedBinomialTail(int regressed, int improved, double p)
    {
        Assert.Equal(p, EvalStatistics.McNemarExactP(regressed, improved), 10);
    }

    [Theory]
    [InlineData(10, 3, 1, 0.3)]
    [InlineData(10, 3, 5, 0.9166666667)]
    [InlineData(10, 0, 5, 0.0)]
    [InlineData(4, 2, 3, 1.0)]
    public void PassAtK_UnbiasedEstimator_MatchesOneMinusBinomialRatio(int n, int c, int k, double expected)
    {
        Assert.Equal(expected, EvalStatistics.PassAtK(n, c, k), 9);
    }

    [Theory]
    [InlineData(10, 3, 2, 0.0666666667)]
    [InlineData(10, 10, 4, 1.0)]
    [InlineData(5, 1, 2, 0.0)]
    public void PassHatK_AllOfKPass_IsTheBinomialRatio(int n, int c, int k, double expected)
    {
        Assert.Equal(expected, EvalStatistics.PassHatK(n, c, k), 9);
    }
}
