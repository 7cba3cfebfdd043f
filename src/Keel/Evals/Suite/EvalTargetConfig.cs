namespace Keel;

/// <summary>What a suite tests: Keel's grounded answerer, or a prompt sent to models.</summary>
internal sealed record EvalTargetConfig
{
    /// <summary>A name for reports; defaults to <c>ask</c> or the model name.</summary>
    public string? Name { get; init; }

    public EvalAskConfig? Ask { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Inline messages with <c>{{var}}</c> placeholders (<c>prompt:</c> as a list).</summary>
    public IReadOnlyList<EvalMessageConfig> Prompt { get; init; } = [];

    /// <summary>A prompt file reference <c>NAME@label</c> or <c>NAME@version</c> (<c>prompt:</c> as a scalar).</summary>
    public string? PromptRef { get; init; }

    public IReadOnlyList<EvalToolConfig> Tools { get; init; } = [];

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }
}
