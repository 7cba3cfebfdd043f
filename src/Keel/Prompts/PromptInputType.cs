namespace Keel;

/// <summary>The type an input of a prompt file declares (<c>type:</c>), as in JSON Schema.</summary>
internal enum PromptInputType
{
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}

/// <summary>How a type is written in a prompt file.</summary>
internal static class PromptInputTypeNames
{
    /// <summary>The type as <c>type:</c> writes it (<c>integer</c>, <c>array</c>, …).</summary>
    public static string Name(this PromptInputType type) => type.ToString().ToLowerInvariant();
}
