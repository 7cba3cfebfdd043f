namespace Keel;

/// <summary>How many requests and tokens per minute the rate-limiting layer
/// (<see cref="RateLimitingChatClientBuilderExtensions.UseRateLimiting"/>) lets through to each model.</summary>
/// <remarks>Limits are kept in process, per model id (<c>ChatOptions.ModelId</c>, else the client's default model), over a
/// sliding one-minute window. A request's tokens are estimated before the call from its text (four characters per
/// token) and corrected with the provider's reported usage afterwards. Validated when the pipeline is built.</remarks>
public sealed record RateLimitingOptions
{
    /// <summary>Requests allowed per model in any minute.</summary>
    /// <value>Default <see langword="null"/>: not limited.</value>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens (input and output) allowed per model in any minute.</summary>
    /// <value>Default <see langword="null"/>: not limited.</value>
    public int? TokensPerMinute { get; init; }

    /// <summary>Whether a call over a limit waits for room or fails at once.</summary>
    /// <value>Default <see cref="RateLimitBehavior.Wait"/>.</value>
    public RateLimitBehavior WhenLimited { get; init; } = RateLimitBehavior.Wait;

    /// <summary>The longest a call waits for room (with <see cref="RateLimitBehavior.Wait"/>) before failing with <see cref="ModelErrorKind.RateLimited"/>.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many calls per model may wait at once (with <see cref="RateLimitBehavior.Wait"/>); more fail at once.</summary>
    /// <value>Default 100.</value>
    public int MaxQueuedRequests { get; init; } = 100;

    internal void Validate()
    {
        if (RequestsPerMinute is null && TokensPerMinute is null)
        {
            throw new ArgumentException("RateLimitingOptions needs RequestsPerMinute, TokensPerMinute or both; with neither there is nothing to limit.", nameof(RequestsPerMinute));
        }

        if (RequestsPerMinute is <= 0)
        {
            throw new ArgumentException($"RateLimitingOptions.RequestsPerMinute must be positive, or null for no limit; it is {RequestsPerMinute}.", nameof(RequestsPerMinute));
        }

        if (TokensPerMinute is <= 0)
        {
            throw new ArgumentException($"RateLimitingOptions.TokensPerMinute must be positive, or null for no limit; it is {TokensPerMinute}.", nameof(TokensPerMinute));
        }

        if (!Enum.IsDefined(WhenLimited))
        {
            throw new ArgumentException($"RateLimitingOptions.WhenLimited must be Wait or FailFast; it is {WhenLimited}.", nameof(WhenLimited));
        }

        if (MaxWait <= TimeSpan.Zero || MaxWait.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"RateLimitingOptions.MaxWait must be positive and under 24 days; it is {MaxWait}.", nameof(MaxWait));
        }

        if (MaxQueuedRequests < 0)
        {
            throw new ArgumentException($"RateLimitingOptions.MaxQueuedRequests must be zero or more; it is {MaxQueuedRequests}.", nameof(MaxQueuedRequests));
        }
    }
}
