using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>One named model in <c>keel.yaml</c>'s <c>models:</c> section.</summary>
internal sealed record ModelConfig
{
    /// <summary>The SDK to use: <c>openai</c>, <c>anthropic</c> or <c>openai-compatible</c>.</summary>
    public ModelProvider Provider { get; init; } = ModelProvider.Openai;

    /// <summary>The provider's model id, e.g. <c>gpt-4o-mini</c> or <c>claude-sonnet-4-5</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The API's base URL; required for <c>openai-compatible</c>, optional otherwise (e.g. the simulator).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The environment variable holding the key; default <c>OPENAI_API_KEY</c> or <c>ANTHROPIC_API_KEY</c>.
    /// Keys never go in keel.yaml.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Largest answer in tokens, when the provider needs one (Anthropic does).</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; init; } = 1024;

    /// <summary>Other configured models to try, in order, when this one fails before answering.</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    /// <summary>Retries of transient failures (429, 5xx, timeouts), honouring Retry-After.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Total, first-token and idle timeouts; <c>~</c> switches one off.</summary>
    public TimeoutOptions Timeout { get; init; } = new();

    /// <summary>Requests and tokens per minute, in this process; unset means no limit.</summary>
    public RateLimitingOptions? RateLimit { get; init; }

    /// <summary>How structured calls give this model the schema: <c>auto</c> (default), <c>native</c> (response_format json_schema) or <c>prompt</c>.</summary>
    public StructuredSchemaMode Structured { get; init; } = StructuredSchemaMode.Auto;

    /// <summary>Overrides the top-level <c>cache:</c> settings for this model.</summary>
    public ModelCacheConfig? Cache { get; init; }
}
