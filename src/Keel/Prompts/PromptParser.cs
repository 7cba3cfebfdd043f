using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.AI;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel;

/// <summary>Reads a <c>*.prompt.md</c> file: YAML front matter between <c>---</c> lines, then a body split on role
/// headings (<see cref="PromptRole"/>) before any Liquid is parsed or rendered, so no rendered value can open a role.</summary>
internal sealed partial class PromptParser
{
    public const string Extension = ".prompt.md";

    private static readonly FluidParser Liquid = new();
    private static readonly string[] FrontMatterKeys = ["name", "description", "model", "parameters", "inputs", "output", "tools"];
    private static readonly string[] InputKeys = ["type", "required", "default", "description"];
    private static readonly string[] ToolKeys = ["name", "description", "parameters"];

    private readonly string _source;
    private int _frontMatterOffset;

    private PromptParser(string source) => _source = source;

    /// <summary>Parses prompt text.</summary>
    /// <param name="text">The file's text (normalised here).</param>
    /// <param name="source">How errors name the file.</param>
    /// <param name="fallbackName">The name when the front matter gives none (<see cref="NameOf"/>).</param>
    /// <exception cref="PromptException">The file is malformed; the message names the file and line.</exception>
    public static PromptDefinition Parse(string text, string source, string fallbackName) =>
        new PromptParser(source).ParseCore(PromptVersion.Normalise(text), fallbackName);

    /// <summary>The default name of a prompt file: its path under the prompts directory, less <c>.prompt.md</c>
    /// (<c>team/summarize</c> for <c>prompts/team/summarize.prompt.md</c>).</summary>
    public static string NameOf(string relativePath) =>
        relativePath.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? relativePath[..^Extension.Length] : Path.ChangeExtension(relativePath, null);

    private PromptDefinition ParseCore(string text, string fallbackName)
    {
        var lines = text.Split('\n');
        var bodyStart = 0;
        YamlMappingNode? frontMatter = null;
        if (lines[0].TrimEnd() == "---")
        {
            var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
            if (close < 0)
            {
                throw Error(1, "the front matter opened with '---' is never closed; end it with a line holding only '---'");
            }

            _frontMatterOffset = 1;
            frontMatter = ReadYaml(string.Join("\n", lines[1..close]));
            bodyStart = close + 1;
        }

        var definition = new PromptDefinition
        {
            Name = fallbackName,
            Source = _source,
            Version = PromptVersion.Of(text),
            Text = text,
            Sections = [],
        };
        if (frontMatter is not null)
        {
            definition = ReadFrontMatter(frontMatter, definition);
        }

        var sections = SplitSections(lines, bodyStart);
        CheckVariables(definition, sections);
        return definition with { Sections = sections };
    }

    private YamlMappingNode? ReadYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw Error(Line(ex.Start), $"the front matter is not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || YamlJson.IsNull(stream.Documents[0].RootNode))
        {
            return null;
        }

        return stream.Documents[0].RootNode as YamlMappingNode ?? throw Error(Line(stream.Documents[0].RootNode.Start), "the front matter must be a mapping (name:, description:, inputs:, …)");
    }

    private PromptDefinition ReadFrontMatter(YamlMappingNode mapping, PromptDefinition definition)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Key(keyNode);
            definition = key switch
            {
                "name" => definition with { Name = CheckName(value) },
                "description" => definition with { Description = String(value, key) },
                "model" => definition with { Model = String(value, key) },
                "parameters" => definition with { Parameters = ReadParameters(value) },
                "inputs" => definition with { Inputs = ReadInputs(value), InputsLine = Line(keyNode.Start) },
                "output" => definition with { OutputSchema = ReadOutput(value) },
                "tools" => definition with { Tools = ReadTools(value) },
                _ => throw Error(Line(keyNode.Start), $"unknown front matter key '{key}'; expected one of: {string.Join(", ", FrontMatterKeys)}"),
            };
        }

        return definition;
    }

    private string CheckName(YamlNode node)
    {
        var name = String(node, "name") ?? throw Error(Line(node.Start), "name: expected a prompt name");
        return NamePattern().IsMatch(name)
            ? name
            : throw Error(Line(node.Start), $"name: '{name}' is not a valid prompt name (letters, digits, '-', '_' and '/', starting with a letter or digit)");
    }

    private PromptParameters ReadParameters(YamlNode node)
    {
        var parameters = new PromptParameters();
        foreach (var (keyNode, value) in Mapping(node, "parameters"))
        {
            var key = Key(keyNode);
            var path = "parameters." + key;
            parameters = key switch
            {
                "temperature" => parameters with { Temperature = (float)Number(value, path, 0, 2) },
                "max_tokens" => parameters with { MaxTokens = (int)Whole(value, path, 1, int.MaxValue) },
                "top_p" => parameters with { TopP = (float)Number(value, path, 0, 1) },
                "top_k" => parameters with { TopK = (int)Whole(value, path, 1, int.MaxValue) },
                "seed" => parameters with { Seed = Whole(value, path, long.MinValue, long.MaxValue) },
                "frequency_penalty" => parameters with { FrequencyPenalty = (float)Number(value, path, -2, 2) },
                "presence_penalty" => parameters with { PresencePenalty = (float)Number(value, path, -2, 2) },
                "stop" => parameters with { Stop = Strings(value, path) },
                _ => throw Error(Line(keyNode.Start), $"unknown parameter '{key}'; expected one of: {string.Join(", ", PromptParameters.Keys)}"),
            };
        }

        return parameters;
    }

    private List<PromptInput> ReadInputs(YamlNode node)
    {
        var inputs = new List<PromptInput>();
        foreach (var (keyNode, value) in Mapping(node, "inputs"))
        {
            var name = Key(keyNode);
            var line = Line(keyNode.Start);
            if (!IdentifierPattern().IsMatch(name))
            {
                throw Error(line, $"inputs: '{name}' is not a valid variable name (letters, digits and '_', not starting with a digit)");
            }

            if (value is YamlScalarNode)
            {
                inputs.Add(new PromptInput(name, InputType(value, $"inputs.{name}"), Required: true, Default: null, Description: null, line));
                continue;
            }

            PromptInputType? type = null;
            bool? required = null;
            object? fallback = null;
            YamlNode? defaultNode = null;
            string? description = null;
            foreach (var (propertyNode, property) in Mapping(value, $"inputs.{name}"))
            {
                var key = Key(propertyNode);
                var path = $"inputs.{name}.{key}";
                switch (key)
                {
                    case "type":
                        type = InputType(property, path);
                        break;
                    case "required":
                        required = Bool(property, path);
                        break;
                    case "default":
                        defaultNode = property;
                        fallback = PromptValues.FromJson(JsonSerializer.SerializeToElement(YamlJson.ToJson(property)));
                        break;
                    case "description":
                        description = String(property, path);
                        break;
                    default:
                        throw Error(Line(propertyNode.Start), $"inputs.{name}: unknown key '{key}'; expected one of: {string.Join(", ", InputKeys)}");
                }
            }

            if (type is null)
            {
                throw Error(line, $"inputs.{name}: missing 'type' (one of {TypeNames})");
            }

            if (fallback is not null && !PromptValues.Fits(fallback, type.Value))
            {
                throw Error(Line(defaultNode!.Start), $"inputs.{name}.default: the default is {PromptValues.Describe(fallback)} but the input is declared {type.Value.Name()}");
            }

            inputs.Add(new PromptInput(name, type.Value, required ?? defaultNode is null, fallback, description, line));
        }

        return inputs;
    }

    private JsonElement? ReadOutput(YamlNode node)
    {
        JsonElement? schema = null;
        foreach (var (keyNode, value) in Mapping(node, "output"))
        {
            if (Key(keyNode) != "schema")
            {
                throw Error(Line(keyNode.Start), $"output: unknown key '{Key(keyNode)}'; expected: schema");
            }

            var element = JsonSerializer.SerializeToElement(YamlJson.ToJson(value));
            try
            {
                StructuredSchema.FromJson(element);
            }
            catch (ArgumentException ex)
            {
                throw Error(Line(value.Start), $"output.schema: {ex.Message}");
            }

            schema = element;
        }

        return schema;
    }

    private List<AITool> ReadTools(YamlNode node)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(Line(node.Start), "tools: expected a list of tools, each with name, description and parameters (a JSON Schema)");
        }

        var tools = new List<AITool>();
        foreach (var item in sequence.Children)
        {
            string? name = null;
            string? description = null;
            JsonElement parameters = JsonSerializer.SerializeToElement(new { type = "object", properties = new { } });
            foreach (var (keyNode, value) in Mapping(item, "tools[]"))
            {
                switch (Key(keyNode))
                {
                    case "name":
                        name = String(value, "tools[].name");
                        break;
                    case "description":
                        description = String(value, "tools[].description");
                        break;
                    case "parameters":
                        _ = Mapping(value, "tools[].parameters");
                        parameters = JsonSerializer.SerializeToElement(YamlJson.ToJson(value));
                        break;
                    default:
                        throw Error(Line(keyNode.Start), $"tools: unknown key '{Key(keyNode)}'; expected one of: {string.Join(", ", ToolKeys)}");
                }
            }

            if (name is null || !ToolNamePattern().IsMatch(name))
            {
                throw Error(Line(item.Start), "tools: each tool needs a name of letters, digits, '_' and '-'");
            }

            tools.Add(AIFunctionFactory.CreateDeclaration(name, description ?? "", parameters));
        }

        return tools;
    }

    private List<PromptSection> SplitSections(string[] lines, int bodyStart)
    {
        var headings = new List<(ChatRole Role, int Index)>();
        string? fence = null;
        for (var i = bodyStart; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart(' ');
            var marker = trimmed.StartsWith("```", StringComparison.Ordinal) ? "```" : trimmed.StartsWith("~~~", StringComparison.Ordinal) ? "~~~" : null;
            if (marker is not null && lines[i].Length - trimmed.Length <= 3)
            {
                fence = fence is null ? marker : fence == marker ? null : fence;
            }
            else if (fence is null && PromptRole.Parse(lines[i]) is { } role)
            {
                headings.Add((role, i));
            }
        }

        if (headings.Count == 0)
        {
            return [Section(ChatRole.User, lines, bodyStart, lines.Length)];
        }

        for (var i = bodyStart; i < headings[0].Index; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                throw Error(i + 1, "text before the first role heading; put it under '# system' or '# user' (a body with no role headings is one user message)");
            }
        }

        return [.. headings.Select((h, n) => Section(h.Role, lines, h.Index + 1, n + 1 < headings.Count ? headings[n + 1].Index : lines.Length))];
    }

    private PromptSection Section(ChatRole role, string[] lines, int start, int end)
    {
        var source = string.Join("\n", lines[start..end]);
        if (!Liquid.TryParse(source, out var template, out var error))
        {
            var first = error.Split('\n')[0];
            var at = FluidPosition().Match(first);
            var line = at.Success ? start + int.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture) : start + 1;
            throw Error(line, $"Liquid: {(at.Success ? first[..at.Index].TrimEnd() : first)} (a tag cannot span role sections)");
        }

        return new PromptSection(role, start + 1, source, template);
    }

    private void CheckVariables(PromptDefinition definition, List<PromptSection> sections)
    {
        var declared = definition.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (var name in TemplateVariables.Of(section.Template).Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
            {
                var line = section.Line + (TemplateVariables.FirstLine(section.Source, name) ?? 0);
                throw Error(line, $"variable '{name}' is not declared under inputs: ({(declared.Count == 0 ? "none declared" : string.Join(", ", declared))}); declare it with a type, e.g. inputs: {{ {name}: {{ type: string }} }}");
            }
        }
    }

    private static string TypeNames => string.Join(", ", Enum.GetValues<PromptInputType>().Select(t => t.Name()));

    private PromptInputType InputType(YamlNode node, string path)
    {
        var text = String(node, path);
        foreach (var type in Enum.GetValues<PromptInputType>())
        {
            if (string.Equals(type.Name(), text, StringComparison.Ordinal))
            {
                return type;
            }
        }

        throw Error(Line(node.Start), $"{path}: unknown type '{text}'; expected one of {TypeNames}");
    }

    private IEnumerable<KeyValuePair<YamlNode, YamlNode>> Mapping(YamlNode node, string path) =>
        node as YamlMappingNode is { } mapping ? mapping.Children : YamlJson.IsNull(node) ? [] : throw Error(Line(node.Start), $"{path}: expected a mapping");

    private string Key(YamlNode node) => (node as YamlScalarNode)?.Value ?? throw Error(Line(node.Start), "expected a plain key");

    private string? String(YamlNode node, string path) =>
        YamlJson.IsNull(node) ? null : node is YamlScalarNode scalar ? scalar.Value : throw Error(Line(node.Start), $"{path}: expected text");

    private bool Bool(YamlNode node, string path) => YamlJson.ToJson(node) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? value.GetValue<bool>()
        : throw Error(Line(node.Start), $"{path}: expected true or false, got '{(node as YamlScalarNode)?.Value}'");

    private double Number(YamlNode node, string path, double min, double max) =>
        YamlJson.ToJson(node) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) is var number && number >= min && number <= max
            ? number
            : throw Error(Line(node.Start), $"{path}: expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{(node as YamlScalarNode)?.Value}'");

    private long Whole(YamlNode node, string path, long min, long max) =>
        YamlJson.ToJson(node) is JsonValue value && value.TryGetValue<long>(out var whole) && whole >= min && whole <= max
            ? whole
            : throw Error(Line(node.Start), $"{path}: expected a whole number{(min > 0 ? $" of at least {min}" : "")}, got '{(node as YamlScalarNode)?.Value}'");

    private List<string> Strings(YamlNode node, string path) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => [.. sequence.Children.Select(c => String(c, path) ?? "")],
        _ => throw Error(Line(node.Start), $"{path}: expected text or a list of texts"),
    };

    private int Line(Mark mark) => (int)mark.Line + _frontMatterOffset;

    private PromptException Error(int line, string message) => new($"{_source}:{line}: {message}");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_/-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolNamePattern();

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)")]
    private static partial Regex FluidPosition();
}
