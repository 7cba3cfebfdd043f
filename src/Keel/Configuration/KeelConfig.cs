namespace Keel;

/// <summary>Everything <c>keel.yaml</c> can set. Every property has a default, so no file is needed to start.</summary>
/// <remarks>Keys are the snake_case form of the property names (<c>chunk_tokens</c> for <c>ChunkTokens</c>).
/// See docs/configuration.md for every setting.</remarks>
internal sealed record KeelConfig
{
    public StoreConfig Store { get; init; } = new();

    public IngestConfig Ingest { get; init; } = new();

    public SearchConfig Search { get; init; } = new();

    /// <summary>The embedding model behind vector and hybrid search.</summary>
    public EmbeddingsConfig Embeddings { get; init; } = new();

    public AskConfig Ask { get; init; } = new();

    public TelemetryConfig Telemetry { get; init; } = new();

    public PromptsConfig Prompts { get; init; } = new();

    /// <summary>The exact response cache; off unless enabled here or per model.</summary>
    public CacheConfig Cache { get; init; } = new();

    /// <summary>Settings of <c>keel eval</c>.</summary>
    public EvalsConfig Evals { get; init; } = new();

    /// <summary>Prices for cost accounting; without an entry a call's cost is unknown (null), never guessed.</summary>
    public PricesConfig Prices { get; init; } = new();

    /// <summary>Named models; empty means the embedded default (extractive answers, no model).</summary>
    public IReadOnlyDictionary<string, ModelConfig> Models { get; init; } = new Dictionary<string, ModelConfig>(StringComparer.Ordinal);

    /// <summary>Named routes: names callers use like a model, each picking which configured model answers a call.</summary>
    public IReadOnlyDictionary<string, RouteConfig> Routes { get; init; } = new Dictionary<string, RouteConfig>(StringComparer.Ordinal);
}
