using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Adds the timeout layer to a chat pipeline.</summary>
public static class TimeoutChatClientBuilderExtensions
{
    /// <summary>Fails calls that take too long, in total, to their first streamed update, or between streamed updates.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock the limits are measured with; by default the one registered in the services, else the system clock.</param>
    /// <returns>The builder.</returns>
    /// <remarks>An expired limit throws <see cref="ModelCallException"/> of kind <see cref="ModelErrorKind.Timeout"/>, which is
    /// transient: put this layer inside the retry layer so each attempt gets its own time. The options are validated
    /// when the pipeline is built.</remarks>
    public static ChatClientBuilder UseTimeout(this ChatClientBuilder builder, TimeoutOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
            new TimeoutChatClient(inner, options ?? new TimeoutOptions(), timeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
