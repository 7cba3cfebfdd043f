using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel;

/// <summary>Reads a suite's dataset file: JSONL (one object a line), CSV (a header row) or YAML (a list of cases).
/// The keys <c>id</c>, <c>input</c>, <c>expected</c>, <c>tags</c>, <c>sources</c> and <c>abstain</c> have their
/// meaning; every other key is a variable (JSONL may also nest them under <c>vars</c>).</summary>
internal static class EvalDatasetLoader
{
    public static IReadOnlyList<EvalCaseConfig> Load(string path, string displayName)
    {
        if (!File.Exists(path))
        {
            throw new KeelConfigurationException($"{displayName}: dataset file not found (paths are relative to the suite file).");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => Jsonl(path, displayName),
            ".csv" => Csv(path, displayName),
            ".yaml" or ".yml" => Yaml(path, displayName),
            var other => throw new KeelConfigurationException($"{displayName}: dataset type '{other}' is not supported; expected .jsonl, .csv or .yaml."),
        };
    }

    private static List<EvalCaseConfig> Jsonl(string path, string displayName)
    {
        var cases = new List<EvalCaseConfig>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new KeelConfigurationException($"{displayName}:{lineNumber}: expected a JSON object per line, got {document.RootElement.ValueKind}.");
                }

                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name == "vars" && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var variable in property.Value.EnumerateObject())
                        {
                            fields[variable.Name] = Text(variable.Value);
                        }
                    }
                    else if (property.Value.ValueKind == JsonValueKind.Array && property.Name is "tags" or "sources")
                    {
                        lists[property.Name] = [.. property.Value.EnumerateArray().Select(Text)];
                    }
                    else
                    {
                        fields[property.Name] = Text(property.Value);
                    }
                }

                cases.Add(FromFields(fields, lists, $"{displayName}:{lineNumber}"));
            }
            catch (JsonException ex)
            {
                throw new KeelConfigurationException($"{displayName}:{lineNumber}: not valid JSON: {ex.Message}", ex);
            }
        }

        return cases;
    }

    private static List<EvalCaseConfig> Csv(string path, string displayName)
    {
        var rows = CsvRows(File.ReadAllText(path)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0].Fields;
        var cases = new List<EvalCaseConfig>(rows.Count - 1);
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Count)
            {
                throw new KeelConfigurationException($"{displayName}:{line}: expected {header.Count} fields as in the header ({string.Join(", ", header)}), got {fields.Count}.");
            }

            var map = header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var key in new[] { "tags", "sources" })
            {
                if (map.Remove(key, out var joined))
                {
                    lists[key] = [.. joined.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                }
            }

            cases.Add(FromFields(map, lists, $"{displayName}:{line}"));
        }

        return cases;
    }

    private static IReadOnlyList<EvalCaseConfig> Yaml(string path, string displayName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException ex)
        {
            throw new KeelConfigurationException($"{displayName}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        var root = stream.Documents[0].RootNode;
        var cases = (IReadOnlyList<EvalCaseConfig>)new YamlBinder(displayName).Bind(root, typeof(IReadOnlyList<EvalCaseConfig>), "cases");
        return root is YamlSequenceNode items ? [.. cases.Zip(items.Children, (c, node) => c.At($"{displayName}:{node.Start.Line}"))] : cases;
    }

    private static EvalCaseConfig FromFields(Dictionary<string, string> fields, Dictionary<string, List<string>> lists, string where)
    {
        bool? abstain = null;
        if (fields.Remove("abstain", out var abstainText) && abstainText.Length > 0)
        {
            abstain = bool.TryParse(abstainText, out var value) ? value : throw new KeelConfigurationException($"{where}: abstain: expected true or false, got '{abstainText}'.");
        }

        fields.Remove("id", out var id);
        fields.Remove("input", out var input);
        fields.Remove("expected", out var expected);
        if (fields.Remove("tags", out var tags))
        {
            lists["tags"] = [.. tags.Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var sources = lists.GetValueOrDefault("sources") ?? (fields.Remove("sources", out var single) ? [single] : []);
        return new EvalCaseConfig
        {
            Id = string.IsNullOrEmpty(id) ? null : id,
            Input = string.IsNullOrEmpty(input) ? null : input,
            Expected = string.IsNullOrEmpty(expected) ? null : expected,
            Vars = fields,
            Tags = lists.GetValueOrDefault("tags") ?? [],
            Sources = sources,
            Abstain = abstain,
        }.At(where);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    /// <summary>RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static IEnumerable<(int Line, List<string> Fields)> CsvRows(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return (rowLine, fields);
                fields = [];
                line++;
                rowLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (rowLine, fields);
        }
    }
}
