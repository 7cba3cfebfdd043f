using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A model the fallback layer may switch to: a name for routes and error messages, and its own pipeline.</summary>
/// <param name="Name">The configured model name, as it appears in <see cref="KeelPropertyNames.Model"/> and in error messages.</param>
/// <param name="Client">The model's client, normally with its own rate limit, retry and timeout layers. The fallback layer does not dispose it.</param>
public sealed record FallbackModel(string Name, IChatClient Client);
