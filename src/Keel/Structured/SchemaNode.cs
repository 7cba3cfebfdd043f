using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>One node of the practical JSON Schema subset the structured parser understands.</summary>
internal sealed class SchemaNode
{
    private (byte[] Name, string Key, SchemaNode Schema, bool Required)[]? _utf8Properties;
    private byte[][]? _utf8Enum;
    private List<string>? _enumStrings;

    public SchemaTypes Types { get; set; }

    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

    public SchemaNode? Items { get; set; }

    public List<JsonNode?>? Enum { get; set; }

    /// <summary>Alias (as written) → the enum value it stands for, from the <c>x-aliases</c> extension.</summary>
    public Dictionary<string, string>? Aliases { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public double? ExclusiveMinimum { get; set; }

    public double? ExclusiveMaximum { get; set; }

    public List<SchemaNode>? AnyOf { get; set; }

    /// <summary>False when the schema says <c>additionalProperties: false</c>: a key it does not declare is then dropped (a repair) or refused.</summary>
    public bool AllowsExtraProperties { get; set; } = true;

    public int MinItems { get; set; }

    public int MaxItems { get; set; } = int.MaxValue;

    public Regex? Pattern { get; set; }

    /// <summary>One of the formats <see cref="StringFormats"/> checks (date, date-time, email, uri, uuid); others are not checked.</summary>
    public string? Format { get; set; }

    /// <summary>The declared properties in order, with their UTF-8 names, for the fast path's in-place check.</summary>
    public (byte[] Name, string Key, SchemaNode Schema, bool Required)[] Utf8Properties =>
        _utf8Properties ??= [.. Properties.Select(p => (System.Text.Encoding.UTF8.GetBytes(p.Key), p.Key, p.Value, Required.Contains(p.Key)))];

    /// <summary>The string enum values.</summary>
    public List<string> EnumStrings =>
        _enumStrings ??= [.. (Enum ?? []).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(v => v.GetValue<string>())];

    /// <summary>The string enum values as UTF-8, for the fast path's in-place check.</summary>
    public byte[][] Utf8EnumStrings =>
        _utf8Enum ??= [.. EnumStrings.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Whether a string value must be checked against a pattern or format.</summary>
    public bool ChecksStrings => Pattern is not null || Format is not null;

    /// <summary>Copies every keyword of <paramref name="other"/> into this node (for a <c>$ref</c> placeholder).</summary>
    public void CopyFrom(SchemaNode other)
    {
        Types = other.Types;
        foreach (var (name, property) in other.Properties)
        {
            Properties[name] = property;
        }

        Required.UnionWith(other.Required);
        Items = other.Items;
        Enum = other.Enum;
        Aliases = other.Aliases;
        Minimum = other.Minimum;
        Maximum = other.Maximum;
        ExclusiveMinimum = other.ExclusiveMinimum;
        ExclusiveMaximum = other.ExclusiveMaximum;
        AnyOf = other.AnyOf;
        AllowsExtraProperties = other.AllowsExtraProperties;
        MinItems = other.MinItems;
        MaxItems = other.MaxItems;
        Pattern = other.Pattern;
        Format = other.Format;
    }

    public bool Allows(SchemaTypes type) => Types == SchemaTypes.None || (Types & type) != 0;

    public string Describe()
    {
        if (AnyOf is not null)
        {
            return "one of " + string.Join(" | ", AnyOf.Select(a => a.Describe()));
        }

        if (Enum is not null)
        {
            return "one of " + string.Join(", ", Enum.Select(e => e?.ToJsonString() ?? "null"));
        }

        return Types == SchemaTypes.None ? "any value" : Types.ToString().ToLowerInvariant().Replace(", ", " or ", StringComparison.Ordinal);
    }
}
