using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>Which embedding model turns chunks and queries into vectors (<c>embeddings:</c> in keel.yaml).</summary>
internal sealed record EmbeddingsConfig
{
    /// <summary>The model name that means the bundled all-MiniLM-L6-v2, run locally.</summary>
    public const string Local = "local";

    /// <summary>The model name that turns vectors off: search is lexical only.</summary>
    public const string None = "none";

    /// <summary><c>local</c> (the bundled model, offline), <c>none</c> (no vectors, lexical search only), or the name
    /// of a model in <c>models:</c> whose provider serves embeddings.</summary>
    public string Model { get; init; } = Local;

    /// <summary>Tokens the local model reads per chunk; longer chunks are truncated.</summary>
    [Range(8, 512)]
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts sent to the embedding model per call.</summary>
    [Range(1, 2048)]
    public int BatchSize { get; init; } = 32;

    public bool Enabled => !string.Equals(Model, None, StringComparison.Ordinal);
}
