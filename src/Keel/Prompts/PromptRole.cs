using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The role headings a prompt body is split on: a line that is exactly <c># system</c>, <c># user</c> or
/// <c># assistant</c> (any case, outside fenced code).</summary>
internal static class PromptRole
{
    public static ChatRole? Parse(string line)
    {
        var trimmed = line.TrimEnd();
        if (!trimmed.StartsWith("# ", StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed[2..].Trim().ToLowerInvariant() switch
        {
            "system" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            _ => null,
        };
    }
}
