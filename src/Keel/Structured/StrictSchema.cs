using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>Rewrites a JSON Schema into the subset providers' strict JSON-schema modes accept: every property
/// required (an optional one made nullable instead) and <c>additionalProperties: false</c> on every object.</summary>
internal static class StrictSchema
{
    public static JsonElement From(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        Rewrite(node);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties)
                {
                    var required = (obj["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                    foreach (var (name, property) in properties)
                    {
                        if (!required.Contains(name) && property is JsonObject optional)
                        {
                            MakeNullable(optional);
                        }
                    }

                    obj["required"] = new JsonArray([.. properties.Select(p => (JsonNode?)JsonValue.Create(p.Key))]);
                    obj["additionalProperties"] = false;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Rewrite(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rewrite(child);
                }

                break;
        }
    }

    private static void MakeNullable(JsonObject property)
    {
        switch (property["type"])
        {
            case JsonValue type when type.GetValue<string>() is var name && name != "null":
                property["type"] = new JsonArray(name, "null");
                break;
            case JsonArray types when !types.Any(t => t?.GetValue<string>() == "null"):
                types.Add("null");
                break;
            case null when property["anyOf"] is JsonArray branches && !branches.Any(b => b?["type"]?.GetValue<string>() == "null"):
                branches.Add(new JsonObject { ["type"] = "null" });
                break;
            case null when property["$ref"] is not null:
                var reference = property["$ref"]!.DeepClone();
                property.Remove("$ref");
                property["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = reference }, new JsonObject { ["type"] = "null" });
                break;
        }

        if (property["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }
    }
}
