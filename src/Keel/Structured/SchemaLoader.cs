using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>Reads a JSON Schema document (the practical subset) into a <see cref="SchemaNode"/> tree.</summary>
internal sealed class SchemaLoader
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, SchemaNode> _refs = new(StringComparer.Ordinal);

    private SchemaLoader(JsonElement root) => _root = root;

    public static SchemaNode Load(JsonElement root) => new SchemaLoader(root).Read(root, "#");

    private SchemaNode Read(JsonElement element, string location)
    {
        if (element.ValueKind == JsonValueKind.True)
        {
            return new SchemaNode();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{location}: a schema must be an object or true, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }

        if (element.TryGetProperty("$ref", out var reference))
        {
            return Resolve(reference, location);
        }

        var node = new SchemaNode();
        if (element.TryGetProperty("type", out var type))
        {
            node.Types = ReadTypes(type, location);
        }

        if (element.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            node.Types |= SchemaTypes.Null;
        }

        ReadObjectKeywords(element, node, location);
        if (element.TryGetProperty("items", out var items))
        {
            node.Items = Read(items, location + "/items");
            node.Types = node.Types == SchemaTypes.None ? SchemaTypes.Array : node.Types;
        }

        ReadEnum(element, node, location);
        node.Minimum = ReadNumber(element, "minimum", location);
        node.Maximum = ReadNumber(element, "maximum", location);
        node.ExclusiveMinimum = ReadNumber(element, "exclusiveMinimum", location);
        node.ExclusiveMaximum = ReadNumber(element, "exclusiveMaximum", location);
        ReadArrayAndStringKeywords(element, node, location);
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (element.TryGetProperty(keyword, out var branches))
            {
                if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
                {
                    throw new ArgumentException($"{location}/{keyword}: must be a non-empty array of schemas.");
                }

                node.AnyOf = [.. branches.EnumerateArray().Select((b, i) => Read(b, $"{location}/{keyword}/{i}"))];
            }
        }

        return node;
    }

    private void ReadObjectKeywords(JsonElement element, SchemaNode node, string location)
    {
        if (element.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{location}/properties: must be an object mapping names to schemas.");
            }

            foreach (var property in properties.EnumerateObject())
            {
                node.Properties[property.Name] = Read(property.Value, $"{location}/properties/{property.Name}");
            }

            node.Types = node.Types == SchemaTypes.None ? SchemaTypes.Object : node.Types;
        }

        if (element.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                throw new ArgumentException($"{location}/required: must be an array of property names.");
            }

            foreach (var name in required.EnumerateArray())
            {
                node.Required.Add(name.GetString()!);
            }
        }
    }

    private static void ReadArrayAndStringKeywords(JsonElement element, SchemaNode node, string location)
    {
        if (element.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
        {
            node.AllowsExtraProperties = false;
        }

        node.MinItems = (int)(ReadNumber(element, "minItems", location) ?? 0);
        node.MaxItems = (int)Math.Min(ReadNumber(element, "maxItems", location) ?? int.MaxValue, int.MaxValue);
        if (element.TryGetProperty("pattern", out var pattern))
        {
            try
            {
                node.Pattern = new Regex(pattern.GetString() ?? "", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                throw new ArgumentException($"{location}/pattern: not a valid regular expression: {ex.Message}");
            }
        }

        if (element.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && StringFormats.IsKnown(format.GetString()!))
        {
            node.Format = format.GetString();
        }
    }

    private static void ReadEnum(JsonElement element, SchemaNode node, string location)
    {
        if (element.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw new ArgumentException($"{location}/enum: must be a non-empty array.");
            }

            node.Enum = [.. values.EnumerateArray().Select(v => JsonSerializer.SerializeToNode(v))];
        }
        else if (element.TryGetProperty("const", out var constant))
        {
            node.Enum = [JsonSerializer.SerializeToNode(constant)];
        }

        if (element.TryGetProperty("x-aliases", out var aliases))
        {
            if (aliases.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{location}/x-aliases: must map each enum value to an array of aliases.");
            }

            node.Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in aliases.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new ArgumentException($"{location}/x-aliases/{entry.Name}: must be an array of strings.");
                }

                foreach (var alias in entry.Value.EnumerateArray())
                {
                    node.Aliases[alias.GetString() ?? ""] = entry.Name;
                }
            }
        }
    }

    private SchemaNode Resolve(JsonElement reference, string location)
    {
        var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
        if (!pointer.StartsWith('#'))
        {
            throw new ArgumentException($"{location}/$ref: only local references (#/...) are supported, not '{pointer}'.");
        }

        if (_refs.TryGetValue(pointer, out var known))
        {
            return known;
        }

        var target = _root;
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
            {
                throw new ArgumentException($"{location}/$ref: '{pointer}' does not point into the schema.");
            }
        }

        // A placeholder first, so a recursive type refers back to itself instead of recursing forever.
        var placeholder = new SchemaNode();
        _refs[pointer] = placeholder;
        var resolved = Read(target, pointer);
        placeholder.CopyFrom(resolved);
        return placeholder;
    }

    private static SchemaTypes ReadTypes(JsonElement type, string location)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return ReadType(type.GetString()!, location);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            var types = SchemaTypes.None;
            foreach (var item in type.EnumerateArray())
            {
                types |= item.ValueKind == JsonValueKind.String
                    ? ReadType(item.GetString()!, location)
                    : throw new ArgumentException($"{location}/type: each entry must be a type name.");
            }

            return types;
        }

        throw new ArgumentException($"{location}/type: must be a type name or an array of type names.");
    }

    private static SchemaTypes ReadType(string name, string location) => name switch
    {
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        "string" => SchemaTypes.String,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "boolean" => SchemaTypes.Boolean,
        "null" => SchemaTypes.Null,
        _ => throw new ArgumentException($"{location}/type: unknown type '{name}' (expected object, array, string, integer, number, boolean or null)."),
    };

    private static double? ReadNumber(JsonElement element, string keyword, string location)
    {
        if (!element.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0}/{1}: must be a number.", location, keyword));
    }
}
