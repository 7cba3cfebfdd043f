using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The <c>parameters:</c> of a prompt file: the sampling settings it is written for.</summary>
internal sealed record PromptParameters
{
    public static readonly IReadOnlyList<string> Keys = ["temperature", "max_tokens", "top_p", "top_k", "seed", "frequency_penalty", "presence_penalty", "stop"];

    public float? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    public long? Seed { get; init; }

    public float? FrequencyPenalty { get; init; }

    public float? PresencePenalty { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    public void ApplyTo(ChatOptions options)
    {
        options.Temperature = Temperature;
        options.MaxOutputTokens = MaxTokens;
        options.TopP = TopP;
        options.TopK = TopK;
        options.Seed = Seed;
        options.FrequencyPenalty = FrequencyPenalty;
        options.PresencePenalty = PresencePenalty;
        options.StopSequences = Stop is null ? null : [.. Stop];
    }

    /// <summary>The parameters that are set, by their key in the file.</summary>
    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var values = new Dictionary<string, object?>
        {
            ["temperature"] = Temperature,
            ["max_tokens"] = MaxTokens,
            ["top_p"] = TopP,
            ["top_k"] = TopK,
            ["seed"] = Seed,
            ["frequency_penalty"] = FrequencyPenalty,
            ["presence_penalty"] = PresencePenalty,
            ["stop"] = Stop,
        };
        return values.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
    }
}
