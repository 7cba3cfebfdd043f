using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Bench;

/// <summary>The peer corpus of malformed model outputs (../shared/peers/structured-bench/corpus.jsonl) and the JSON Schemas
/// translated from its BAML functions (bench/Keel.Bench/structured/*.schema.json).</summary>
internal sealed record StructuredCase(string Id, string Category, string Function, string Text, JsonNode? Expect)
{
    public bool ExpectsError => Expect is JsonValue value && value.TryGetValue<string>(out var text) && text == "ERROR";
}

internal static class StructuredCorpus
{
    public static string LocatePeers(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return Path.GetFullPath(explicitPath);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "peers", "structured-bench");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Cannot find shared/peers/structured-bench beside the repository; pass --peers DIR.");
    }

    public static List<StructuredCase> Load(string peers) =>
        [.. File.ReadLines(Path.Combine(peers, "corpus.jsonl")).Where(l => l.Length > 0).Select(l =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            return new StructuredCase((string)o["id"]!, (string)o["cat"]!, (string)o["fn"]!, (string)o["text"]!, o["expect"]?.DeepClone());
        })];

    public static Dictionary<string, StructuredSchema> Schemas()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "structured");
        return Directory.GetFiles(directory, "*.schema.json").ToDictionary(
            f => Path.GetFileName(f)[..^".schema.json".Length],
            f => StructuredSchema.FromJson(File.ReadAllText(f)),
            StringComparer.Ordinal);
    }

    /// <summary>The run_node.js comparison: nulls dropped, keys sorted, every number a double (as in JavaScript).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => Canonical(a) == Canonical(b);

    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "");
                    Write(array[i], builder);
                }

                builder.Append(']');
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",").Append(JsonSerializer.Serialize(key)).Append(':');
                    first = false;
                    Write(value, builder);
                }

                builder.Append('}');
                break;
            default:
                var element = JsonSerializer.SerializeToElement(node);
                builder.Append(element.ValueKind == JsonValueKind.Number
                    ? element.GetDouble().ToString("R", CultureInfo.InvariantCulture)
                    : element.GetRawText());
                break;
        }
    }
}
