using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Tests.Rag.Search;

/// <summary>The local model, counting every text it is asked to embed.</summary>
internal sealed class CountingEmbeddingGenerator() : DelegatingEmbeddingGenerator<string, Embedding<float>>(new LocalEmbeddingGenerator())
{
    private int _texts;

    public int Texts => _texts;

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Add(ref _texts, texts.Count);
        return base.GenerateAsync(texts, options, cancellationToken);
    }

    /// <summary>Makes Keel embed through a new counter (with the key keel.yaml gives the model) and returns it.</summary>
    public static Func<CountingEmbeddingGenerator> Install(IServiceCollection services)
    {
        CountingEmbeddingGenerator? counter = null;
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<KeelConfig>();
            return new Embedder(config.Embeddings, Embedder.KeyFor(config), () => counter = new CountingEmbeddingGenerator());
        });
        return () => counter ?? throw new InvalidOperationException("Nothing was embedded yet.");
    }
}
