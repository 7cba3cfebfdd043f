using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Adds the retry layer to a chat pipeline.</summary>
public static class RetryChatClientBuilderExtensions
{
    /// <summary>Retries calls that failed with a transient <see cref="ModelCallException"/> (429, 5xx, timeout, connection failure).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">How to retry; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock delays are measured with; by default the one registered in the services, else the system clock.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Each response carries the number of retries under <see cref="KeelPropertyNames.Retries"/>. A streamed call is
    /// retried only until its first update reaches the caller; a later failure surfaces as
    /// <see cref="ModelErrorKind.StreamInterrupted"/>. The options are validated when the pipeline is built.</remarks>
    public static ChatClientBuilder UseRetry(this ChatClientBuilder builder, RetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
            new RetryChatClient(inner, options ?? new RetryOptions(), timeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
