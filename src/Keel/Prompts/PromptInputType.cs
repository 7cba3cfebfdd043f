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
