using System.Text;

namespace Keel;

/// <summary>Renders a schema as a compact TypeScript-like shape for a prompt:
/// <c>{ name: string, priority: "HIGH" | "LOW", tags: string[], zip?: string | null }</c>.</summary>
/// <remarks>Far fewer tokens than the JSON Schema itself; a property the schema does not require is marked <c>?</c>.</remarks>
internal static class SchemaRenderer
{
    private const int MaxDepth = 16;

    public static string Render(SchemaNode schema)
    {
        var text = new StringBuilder();
        Append(text, schema, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, SchemaNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            text.Append("any");
            return;
        }

        var parts = new List<string>();
        if (node.AnyOf is not null)
        {
            parts.AddRange(node.AnyOf.Select(branch => Render(branch, depth + 1)));
        }
        else if (node.Enum is not null)
        {
            parts.AddRange(node.Enum.Select(value => value?.ToJsonString() ?? "null"));
        }
        else
        {
            parts.AddRange(TypeParts(node, depth));
        }

        if (node.Allows(SchemaTypes.Null) && node.Types != SchemaTypes.None && !parts.Contains("null"))
        {
            parts.Add("null");
        }

        text.Append(parts.Count == 0 ? "any" : string.Join(" | ", parts.Distinct(StringComparer.Ordinal)));
    }

    private static string Render(SchemaNode node, int depth)
    {
        var text = new StringBuilder();
        Append(text, node, depth);
        return text.ToString();
    }

    private static IEnumerable<string> TypeParts(SchemaNode node, int depth)
    {
        if (node.Types == SchemaTypes.None)
        {
            yield return node.Properties.Count > 0 ? Object(node, depth) : "any";
            yield break;
        }

        if (node.Allows(SchemaTypes.Object))
        {
            yield return node.Properties.Count > 0 ? Object(node, depth) : "object";
        }

        if (node.Allows(SchemaTypes.Array))
        {
            var items = node.Items is null ? "any" : Render(node.Items, depth + 1);
            yield return (items.Contains(" | ", StringComparison.Ordinal) ? $"({items})" : items) + "[]";
        }

        if (node.Allows(SchemaTypes.String))
        {
            yield return "string";
        }

        if (node.Allows(SchemaTypes.Integer))
        {
            yield return "int" + Range(node);
        }
        else if (node.Allows(SchemaTypes.Number))
        {
            yield return "float" + Range(node);
        }

        if (node.Allows(SchemaTypes.Boolean))
        {
            yield return "bool";
        }
    }

    private static string Object(SchemaNode node, int depth)
    {
        var fields = node.Properties.Select(p => $"{p.Key}{(node.Required.Contains(p.Key) ? "" : "?")}: {Render(p.Value, depth + 1)}");
        return "{ " + string.Join(", ", fields) + " }";
    }

    private static string Range(SchemaNode node)
    {
        var min = node.Minimum ?? node.ExclusiveMinimum;
        var max = node.Maximum ?? node.ExclusiveMaximum;
        return (min, max) switch
        {
            (null, null) => "",
            ({ } low, null) => $" (>= {Format(low)})",
            (null, { } high) => $" (<= {Format(high)})",
            ({ } low, { } high) => $" ({Format(low)}..{Format(high)})",
        };
    }

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
