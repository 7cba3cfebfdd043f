using System.Text.RegularExpressions;

namespace Keel;

/// <summary>Inline suite prompts: <c>{{name}}</c> is replaced by the case variable <c>name</c>.</summary>
internal static partial class PromptTemplate
{
    public static IEnumerable<string> Variables(string template) => Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    /// <exception cref="KeelConfigurationException">A placeholder names no variable of the case.</exception>
    public static string Render(string template, IReadOnlyDictionary<string, string> vars, string caseId) =>
        Placeholder().Replace(template, m => vars.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new KeelConfigurationException($"case '{caseId}': the prompt uses {{{{{m.Groups[1].Value}}}}} but the case has no such variable ({string.Join(", ", vars.Keys)})."));

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
