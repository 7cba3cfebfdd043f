namespace Keel;

/// <summary>What a model costs, in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Price of a million input (prompt) tokens that were not read from the provider's cache.</param>
/// <param name="OutputPerMillion">Price of a million output (completion) tokens, reasoning tokens included.</param>
/// <param name="CachedInputPerMillion">Price of a million input tokens read from the provider's prompt cache;
/// <see langword="null"/> when the provider does not discount them (priced as input).</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion = null)
{
    /// <summary>The cost in US dollars of a call with the given token counts.</summary>
    /// <param name="inputTokens">All input tokens, cached ones included (as <c>UsageDetails.InputTokenCount</c> counts them).</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The part of <paramref name="inputTokens"/> read from the cache.</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal CostOf(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, Math.Max(inputTokens, 0));
        var uncached = Math.Max(inputTokens, 0) - cached;
        var micro = (uncached * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion)) + (Math.Max(outputTokens, 0) * OutputPerMillion);
        return micro / 1_000_000m;
    }
}
