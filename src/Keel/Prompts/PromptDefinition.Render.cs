using System.Globalization;
using Fluid;
using Microsoft.Extensions.AI;

namespace Keel;

internal sealed partial record PromptDefinition
{
    private static readonly TemplateOptions TemplateOptions = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        StrictFilters = true,
        MaxSteps = 1_000_000,
    };

    /// <summary>Renders each role section with <paramref name="values"/> (plain or CLR values, checked against the
    /// declared inputs); sections that render to nothing are left out.</summary>
    /// <exception cref="PromptException">An unknown, missing or mistyped input, or a template error, naming the
    /// variable, the file and the line.</exception>
    public List<ChatMessage> RenderMessages(IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(TemplateOptions);
        foreach (var (name, value) in Bind(values))
        {
            context.SetValue(name, value);
        }

        var messages = new List<ChatMessage>(Sections.Count);
        foreach (var section in Sections)
        {
            string text;
            try
            {
                text = section.Template.Render(context, NullEncoder.Default).Trim();
            }
            catch (Exception ex) when (ex is InvalidOperationException or FluidException)
            {
                throw new PromptException($"{Source}:{section.Line}: {ex.Message}", ex);
            }

            if (text.Length > 0)
            {
                messages.Add(new ChatMessage(section.Role, text));
            }
        }

        return messages;
    }

    /// <summary>Reads command-line values (<c>--var name=text</c>) as each input's declared type.</summary>
    public Dictionary<string, object?> ParseArguments(IReadOnlyDictionary<string, string> arguments)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, text) in arguments)
        {
            var input = Find(name);
            values[name] = PromptValues.TryParse(text, input.Type, out var value)
                ? value
                : throw new PromptException($"{Source}:{input.Line}: input '{name}' is declared {input.TypeName} but --var {name}= gave '{PromptValues.Clip(text)}'{Expecting(input.Type)}.");
        }

        return values;
    }

    /// <summary>The 1-based file line where the template first uses <paramref name="name"/>, or null.</summary>
    public int? FirstUse(string name)
    {
        foreach (var section in Sections)
        {
            if (TemplateVariables.FirstLine(section.Source, name) is { } line)
            {
                return section.Line + line;
            }
        }

        return null;
    }

    private Dictionary<string, object?> Bind(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var name in values.Keys)
        {
            Find(name);
        }

        var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in Inputs)
        {
            var value = values.TryGetValue(input.Name, out var given) ? PromptValues.Normalise(given) : input.Default;
            if (value is null)
            {
                if (input.Required)
                {
                    var line = FirstUse(input.Name) ?? input.Line;
                    throw new PromptException($"{Source}:{line}: missing required input '{input.Name}' ({input.TypeName}, declared at line {input.Line}); pass it, e.g. --var {input.Name}=...");
                }
            }
            else if (!PromptValues.Fits(value, input.Type))
            {
                var use = FirstUse(input.Name) is { } line ? $", used at line {line}" : "";
                throw new PromptException($"{Source}:{input.Line}: input '{input.Name}' is declared {input.TypeName} but was given {PromptValues.Describe(value)}{use}.");
            }

            bound[input.Name] = value;
        }

        return bound;
    }

    private PromptInput Find(string name) =>
        Inputs.FirstOrDefault(i => i.Name == name)
        ?? throw new PromptException($"{Source}:{InputsLine}: unknown input '{name}'; the prompt declares {(Inputs.Count == 0 ? "no inputs" : string.Join(", ", Inputs.Select(i => i.Name)))}.");

    private static string Expecting(PromptInputType type) => type switch
    {
        PromptInputType.Integer => " (expected a whole number)",
        PromptInputType.Number => " (expected a number)",
        PromptInputType.Boolean => " (expected true or false)",
        PromptInputType.Array => " (expected a JSON array, e.g. [\"a\",\"b\"])",
        PromptInputType.Object => " (expected a JSON object, e.g. {\"k\":\"v\"})",
        _ => "",
    };
}
