using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One version of a prompt file, parsed: its front matter and its role sections as Liquid templates.</summary>
internal sealed partial record PromptDefinition
{
    public required string Name { get; init; }

    /// <summary>Where it came from, as errors name it: the file's path, with <c>@version</c> for a version kept
    /// only in the lockfile.</summary>
    public required string Source { get; init; }

    public required string Version { get; init; }

    /// <summary>The normalised file text the version is the hash of.</summary>
    public required string Text { get; init; }

    public string? Description { get; init; }

    /// <summary>The name of a configured model (<c>models:</c> in keel.yaml) the prompt is written for.</summary>
    public string? Model { get; init; }

    public PromptParameters Parameters { get; init; } = new();

    public IReadOnlyList<PromptInput> Inputs { get; init; } = [];

    /// <summary>The 1-based line of <c>inputs:</c>, or 1 when the file declares none.</summary>
    public int InputsLine { get; init; } = 1;

    public JsonElement? OutputSchema { get; init; }

    public IReadOnlyList<AITool> Tools { get; init; } = [];

    public required IReadOnlyList<PromptSection> Sections { get; init; }
}
