using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>A value read leniently from model text, before it is checked against the schema.</summary>
/// <param name="Value">The value read.</param>
/// <param name="Repairs">The syntax repairs the reader made.</param>
/// <param name="Incomplete">Objects and arrays the text cut off before they were closed.</param>
/// <param name="End">Where in the text the value ended.</param>
internal sealed record ParsedCandidate(JsonNode? Value, DiagnosticList Repairs, HashSet<JsonNode> Incomplete, int End)
{
    /// <summary>Gets the parsed document <see cref="Value"/> is a view over, when the reader wrote strict JSON; null for a built tree.</summary>
    public JsonElement? Element { get; init; }
}
