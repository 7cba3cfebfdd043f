using System.Text.Json.Nodes;

namespace Keel;

/// <summary>One node of the practical JSON Schema subset the structured parser understands.</summary>
internal sealed class SchemaNode
{
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
