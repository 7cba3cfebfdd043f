using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The configured embedding model, as ingest and search use it: created on first use, called in batches,
/// and named by a key that says which model made a vector (stored with it, so a model change re-embeds).</summary>
internal sealed class Embedder : IDisposable
{
    private readonly EmbeddingsConfig _config;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _generator;

    /// <param name="config">The <c>embeddings:</c> section.</param>
    /// <param name="key">Names the model that makes the vectors (<see cref="KeyFor"/>).</param>
    /// <param name="create">Makes the generator on first use; unused when embeddings are off.</param>
    public Embedder(EmbeddingsConfig config, string key, Func<IEmbeddingGenerator<string, Embedding<float>>> create)
    {
        _config = config;
        Key = key;
        _generator = new(create);
    }

    /// <summary>Names what makes the vectors, so that changing the model, its provider or the local model's token
    /// limit re-embeds everything once.</summary>
    public static string KeyFor(KeelConfig config) => config.Embeddings.Model switch
    {
        EmbeddingsConfig.None => "",
        EmbeddingsConfig.Local => $"{EmbeddingsConfig.Local}:{LocalEmbeddingGenerator.ModelId}:{config.Embeddings.MaxTokens}",
        var name => $"{name}:{config.Models[name].Provider}:{config.Models[name].Model}",
    };

    /// <summary>The generator <c>keel.yaml</c> names: the bundled local model, or a configured model's embeddings.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(EmbeddingsConfig config, ModelCatalog? models) =>
        config.Model == EmbeddingsConfig.Local
            ? new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxTokens = config.MaxTokens, BatchSize = Math.Min(config.BatchSize, 256) })
            : (models ?? throw new InvalidOperationException($"The embedding model '{config.Model}' needs the configured models.")).GetEmbeddingGenerator(config.Model);

    /// <summary>An embedder for the local model or none, outside a service provider (benchmarks, tests).</summary>
    public static Embedder WithoutModels(EmbeddingsConfig config) =>
        new(config, KeyFor(new KeelConfig { Embeddings = config }), () => CreateGenerator(config, null));

    public bool Enabled => _config.Enabled;

    /// <summary>Which model made a vector: stored beside it.</summary>
    public string Key { get; }

    /// <summary>Embeds <paramref name="texts"/> in batches of <c>embeddings.batch_size</c>, telling
    /// <paramref name="progress"/> how many are done after each batch.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Embeddings are off (embeddings.model: none).");
        }

        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += _config.BatchSize)
        {
            var batch = texts.Skip(start).Take(_config.BatchSize).ToList();
            var embeddings = await _generator.Value.GenerateAsync(batch, cancellationToken: cancellationToken);
            if (embeddings.Count != batch.Count)
            {
                throw new InvalidOperationException($"The embedding model '{_config.Model}' returned {embeddings.Count} vectors for {batch.Count} texts.");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                vectors[start + i] = Normalized(embeddings[i].Vector.ToArray());
            }

            progress?.Report(start + batch.Count);
        }

        return vectors;
    }

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken) =>
        (await EmbedAsync([text], null, cancellationToken))[0];

    public void Dispose()
    {
        if (_generator.IsValueCreated)
        {
            _generator.Value.Dispose();
        }
    }

    /// <summary>Unit length, so a dot product is the cosine; providers' vectors are not all normalised.</summary>
    private static float[] Normalized(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0 && Math.Abs(norm - 1) > 1e-4)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}
