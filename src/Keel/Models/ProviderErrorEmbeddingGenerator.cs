using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The provider boundary for embeddings: an unreachable or failing embedding model is a
/// <see cref="ModelCallException"/> that says what to do, as for chat, not the SDK's own exception.</summary>
internal sealed class ProviderErrorEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ProviderErrors errors)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = RetryAfterCapture.Begin();
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception ex) when (errors.Translate(ex, capture, streamStarted: false, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
