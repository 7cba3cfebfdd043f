using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>A tool offered to the model: its name, description and JSON Schema of its arguments (as JSON text).</summary>
internal sealed record EvalToolConfig
{
    [Required]
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Parameters { get; init; }
}
