namespace Keel;

/// <summary>What the rate-limiting layer does with a call that would exceed a limit.</summary>
public enum RateLimitBehavior
{
    /// <summary>Wait until the call fits, up to <see cref="RateLimitingOptions.MaxWait"/> and
    /// <see cref="RateLimitingOptions.MaxQueuedRequests"/>; then fail with <see cref="ModelErrorKind.RateLimited"/>.</summary>
    Wait,

    /// <summary>Fail at once with <see cref="ModelErrorKind.RateLimited"/> and a <see cref="ModelCallException.RetryAfter"/>.</summary>
    FailFast,
}
