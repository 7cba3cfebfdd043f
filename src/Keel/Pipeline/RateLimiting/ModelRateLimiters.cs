namespace Keel;

/// <summary>The request and token limiters of one model; either is <see langword="null"/> when that limit is off.</summary>
internal sealed class ModelRateLimiters(TimeWindowRateLimiter? requests, TimeWindowRateLimiter? tokens) : IDisposable
{
    public TimeWindowRateLimiter? Requests { get; } = requests;

    public TimeWindowRateLimiter? Tokens { get; } = tokens;

    public void Dispose()
    {
        Requests?.Dispose();
        Tokens?.Dispose();
    }
}
