using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One routing strategy: picks a target for a call and learns from how it went.</summary>
internal interface IRouteSelector
{
    /// <summary>The index, in <see cref="RoutingOptions.Targets"/>, of the target that answers this call.</summary>
    int Select(IEnumerable<ChatMessage> messages, ChatOptions? options);

    /// <summary>How the call sent to <paramref name="target"/> went; not called when the caller cancelled.</summary>
    void Report(int target, TimeSpan latency, bool failed);
}
