namespace Keel;

/// <summary>How the retry layer (<see cref="RetryChatClientBuilderExtensions.UseRetry"/>) retries transient model errors.</summary>
/// <remarks>Only a <see cref="ModelCallException"/> whose <see cref="ModelCallException.IsTransient"/> is true is retried.
/// When the provider said how long to wait (<see cref="ModelCallException.RetryAfter"/>), that is the delay, capped by
/// <see cref="MaxDelay"/>; otherwise the delay grows exponentially from <see cref="BaseDelay"/>. Validated when the
/// pipeline is built.</remarks>
public sealed record RetryOptions
{
    /// <summary>How many times a failed call is tried again; 0 turns retrying off.</summary>
    /// <value>Default 2 (three attempts in all). Between 0 and 10.</value>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The delay before the first retry when the provider gave no Retry-After; it doubles for each further retry.</summary>
    /// <value>Default 1 second. Zero or more.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts, whether computed or asked for by the provider.</summary>
    /// <value>Default 30 seconds. At least <see cref="BaseDelay"/>.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether computed delays are randomised so that many clients do not retry in step.</summary>
    /// <value>Default <see langword="true"/>. A provider's Retry-After is never randomised.</value>
    public bool UseJitter { get; init; } = true;

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException($"RetryOptions.MaxRetries must be between 0 and 10; it is {MaxRetries}.", nameof(MaxRetries));
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"RetryOptions.BaseDelay must be between zero and one day; it is {BaseDelay}.", nameof(BaseDelay));
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"RetryOptions.MaxDelay must be at least BaseDelay ({BaseDelay}) and at most one day; it is {MaxDelay}.", nameof(MaxDelay));
        }
    }
}
