namespace Keel;

/// <summary>One entry under <c>inputs:</c> in a prompt file.</summary>
/// <param name="Name">The variable name the template uses.</param>
/// <param name="Type">The declared type; values are checked against it before rendering.</param>
/// <param name="Required">Whether a render must supply it; true unless the entry says otherwise or has a default.</param>
/// <param name="Default">The value used when none is supplied (already of <paramref name="Type"/>), or null.</param>
/// <param name="Description">What the input is for, shown by <c>keel prompts show</c>.</param>
/// <param name="Line">The 1-based line of the declaration in the prompt file.</param>
internal sealed record PromptInput(string Name, PromptInputType Type, bool Required, object? Default, string? Description, int Line)
{
    public string TypeName => Type.Name();
}
