using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Creates routes: chat clients that pick which model answers each call.</summary>
public static class RoutingChatClientFactory
{
    /// <summary>Creates a route over <see cref="RoutingOptions.Targets"/>.</summary>
    /// <param name="options">The route: its name, strategy and targets. Validated here.</param>
    /// <param name="timeProvider">The clock latencies are measured with. Default <see cref="TimeProvider.System"/>.</param>
    /// <returns>A client that sends each call to one target, unchanged. Responses (and, when streaming, a trailing update)
    /// carry the route's name under <see cref="KeelPropertyNames.Route"/> and the model that answered under
    /// <see cref="KeelPropertyNames.Model"/>: the target's name, or the model a fallback inside the target reported.</returns>
    /// <remarks>A failed call is not retried on another target: give targets their own retry and fallback layers.
    /// Disposing the route does not dispose the targets.</remarks>
    /// <exception cref="ArgumentException">The options are invalid (no targets, duplicate names, a weight of 0 or less,
    /// a cascade without a default, a rule naming no target).</exception>
    public static IChatClient Create(RoutingOptions options, TimeProvider? timeProvider = null) =>
        new RoutingChatClient(options, timeProvider ?? TimeProvider.System);
}
