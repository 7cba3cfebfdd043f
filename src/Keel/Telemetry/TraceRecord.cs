namespace Keel;

/// <summary>One model call as recorded in the store.</summary>
/// <remarks>Prompt and response text are filled in only when <c>telemetry.capture_content</c> is on.</remarks>
internal sealed record TraceRecord
{
    public required string Id { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The configured model name that was called.</summary>
    public required string Model { get; init; }

    public string? Provider { get; init; }

    /// <summary>The model that produced the answer, when a fallback answered instead.</summary>
    public string? AnsweredBy { get; init; }

    public required bool Streaming { get; init; }

    /// <summary><c>ok</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    public string? ErrorKind { get; init; }

    public string? Error { get; init; }

    public int Retries { get; init; }

    /// <summary>Models that failed before the one that answered, comma-separated.</summary>
    public string? Fallbacks { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? CachedInputTokens { get; init; }

    public bool UsageEstimated { get; init; }

    public double? CostUsd { get; init; }

    public required double LatencyMs { get; init; }

    /// <summary>Time to first token, for streamed calls.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    public string? Prompt { get; init; }

    /// <summary>The prompt file the messages were rendered from (<see cref="KeelPropertyNames.PromptName"/>).</summary>
    public string? PromptName { get; init; }

    public string? PromptVersion { get; init; }

    /// <summary>The label the prompt version was resolved by (<c>production</c>, a split's pick).</summary>
    public string? PromptLabel { get; init; }

    public string? Response { get; init; }
}
