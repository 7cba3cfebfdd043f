using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>Where Keel finds prompt files (<c>*.prompt.md</c>) and their lockfile.</summary>
internal sealed record PromptsConfig
{
    /// <summary>The prompts directory, relative to the working directory.</summary>
    [Required]
    public string Path { get; init; } = "prompts";
}
