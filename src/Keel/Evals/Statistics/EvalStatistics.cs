namespace Keel;

/// <summary>The statistics of eval runs: Wilson intervals, pass@k and pass^k, McNemar's exact test.</summary>
internal static class EvalStatistics
{
    private const double Z95 = 1.959963984540054;

    /// <summary>The Wilson score interval (95%) of a pass rate of <paramref name="passed"/> out of <paramref name="total"/>.</summary>
    public static (double Low, double High) Wilson(int passed, int total, double z = Z95)
    {
        if (total == 0)
        {
            return (0, 1);
        }

        var p = (double)passed / total;
        var z2 = z * z;
        var denominator = 1 + (z2 / total);
        var center = (p + (z2 / (2 * total))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / total) + (z2 / (4.0 * total * total))) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>The unbiased estimator of pass@k (Chen et al., 2021): the chance that at least one of k samples drawn
    /// without replacement from n trials with c passes passes, 1 − C(n−c, k) / C(n, k).</summary>
    public static double PassAtK(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        if (n - c < k)
        {
            return 1;
        }

        // The product form avoids the huge binomials: Π_{i=n−c+1..n} (1 − k / i).
        var product = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            product *= 1 - ((double)k / i);
        }

        return 1 - product;
    }

    /// <summary>pass^k (Yao et al., 2024): the chance that all of k samples drawn without replacement pass, C(c, k) / C(n, k).</summary>
    public static double PassHatK(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        if (c < k)
        {
            return 0;
        }

        var product = 1.0;
        for (var i = 0; i < k; i++)
        {
            product *= (double)(c - i) / (n - i);
        }

        return product;
    }

    /// <summary>McNemar's exact test (two-sided) on the discordant pairs: <paramref name="b"/> cases that passed before and
    /// fail now, <paramref name="c"/> that failed before and pass now. The p-value is 2 · P(X ≤ min(b, c)) for X ~ Bin(b + c, ½), at most 1.</summary>
    public static double McNemarExactP(int b, int c)
    {
        var n = b + c;
        if (n == 0)
        {
            return 1;
        }

        var tail = 0.0;
        var logHalfN = n * Math.Log(0.5);
        for (var i = 0; i <= Math.Min(b, c); i++)
        {
            tail += Math.Exp(LogChoose(n, i) + logHalfN);
        }

        return Math.Min(1, 2 * tail);
    }

    private static double LogChoose(int n, int k)
    {
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }
}
