using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>One message of an inline prompt: a role (system, user, assistant) and content with <c>{{var}}</c> placeholders.</summary>
internal sealed record EvalMessageConfig
{
    [Required]
    public required string Role { get; init; }

    [Required]
    public required string Content { get; init; }
}
