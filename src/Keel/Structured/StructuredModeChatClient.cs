using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>
/// Carries a configured model's <see cref="StructuredSchemaMode"/> in its pipeline, where
/// <see cref="StructuredChatClientExtensions"/> finds it with <c>GetService</c>; it passes every call through unchanged.
/// </summary>
internal sealed class StructuredModeChatClient(IChatClient inner, StructuredSchemaMode mode, ModelProvider provider) : DelegatingChatClient(inner)
{
    public StructuredSchemaMode Mode { get; } = mode;

    public ModelProvider Provider { get; } = provider;
}
