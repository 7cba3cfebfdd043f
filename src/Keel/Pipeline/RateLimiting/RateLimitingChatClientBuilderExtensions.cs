using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Adds the rate-limiting layer to a chat pipeline.</summary>
public static class RateLimitingChatClientBuilderExtensions
{
    /// <summary>Keeps calls to each model within requests-per-minute and tokens-per-minute limits, in process.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The limits.</param>
    /// <param name="timeProvider">The clock the windows are measured with; by default the one registered in the services, else the system clock.</param>
    /// <returns>The builder.</returns>
    /// <remarks>A call over a limit waits or fails with <see cref="ModelErrorKind.RateLimited"/> (see <see cref="RateLimitingOptions.WhenLimited"/>);
    /// a request larger than <see cref="RateLimitingOptions.TokensPerMinute"/> fails with <see cref="ModelErrorKind.BadRequest"/>.
    /// Outside the retry layer a call is admitted once and its retries are paced by the provider's Retry-After. The options are validated when
    /// the pipeline is built.</remarks>
    public static ChatClientBuilder UseRateLimiting(this ChatClientBuilder builder, RateLimitingOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.Use((inner, services) =>
            new RateLimitingChatClient(inner, options, timeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
