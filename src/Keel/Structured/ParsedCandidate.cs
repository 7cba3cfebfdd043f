using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>A value read leniently from model text, before it is checked against the schema.</summary>
/// <param name="Value">The value read.</param>
/// <param name="Repairs">The syntax repairs the reader made.</param>
/// <param name="End">Where in the text the value ended.</param>
/// <param name="CutDepth">
/// How many objects and arrays the text cut off before they were closed. Text is cut off only at its end, so these are
/// the root, its last member, that one's last member, and so on: the first <paramref name="CutDepth"/> of that line.
/// </param>
internal sealed record ParsedCandidate(JsonNode? Value, DiagnosticList Repairs, int End, int CutDepth)
{
    private HashSet<JsonNode>? _incomplete;

    /// <summary>Gets the parsed document <see cref="Value"/> is a view over, when the reader wrote strict JSON; null for a built tree.</summary>
    public JsonElement? Element { get; init; }

    /// <summary>Gets the objects and arrays the text cut off, as nodes of <see cref="Value"/> (found when first asked for, so that a value read as a document builds no node until it must be coerced).</summary>
    public HashSet<JsonNode> Incomplete => _incomplete ??= CutNodes(Value, CutDepth);

    private static HashSet<JsonNode> CutNodes(JsonNode? value, int depth)
    {
        var cut = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        for (var node = value; node is not null && cut.Count < depth; node = Last(node))
        {
            cut.Add(node);
        }

        return cut;
    }

    private static JsonNode? Last(JsonNode node) => node switch
    {
        JsonObject { Count: > 0 } obj => obj.GetAt(obj.Count - 1).Value,
        JsonArray { Count: > 0 } array => array[^1],
        _ => null,
    };
}
