namespace Keel;

/// <summary>Settings for <see cref="LocalEmbeddingGenerator"/>.</summary>
public sealed record LocalEmbeddingOptions
{
    /// <summary>Tokens kept per text, including the [CLS] and [SEP] markers; longer texts are truncated.</summary>
    /// <value>256, the length all-MiniLM-L6-v2 was trained at: 1.8× faster than 512 at the same retrieval quality. At most 512.</value>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts run through the model together; texts are sorted by length first so a batch pads little, and a
    /// batch of long texts holds fewer (at most 2,048 tokens with padding).</summary>
    /// <value>32.</value>
    public int BatchSize { get; init; } = 32;

    /// <summary>Threads ONNX Runtime uses inside one model run.</summary>
    /// <value><see cref="Environment.ProcessorCount"/>.</value>
    public int Threads { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (MaxTokens is < 8 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be between 8 and 512 (the model's position limit).");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1.");
        }
    }
}
