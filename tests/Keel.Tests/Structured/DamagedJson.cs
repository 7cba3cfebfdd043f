using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>Writes JSON the way models damage it, in compact, spaced or pretty layout.</summary>
internal static class DamagedJson
{
    public static string Render(JsonNode? node, JsonStyle style, string indent = "")
    {
        switch (node)
        {
            case null:
                return style.Python ? "None" : "null";
            case JsonObject obj:
                return Container("{", "}", [.. obj.Select(p => Key(p.Key, style) + (style.Layout == "compact" ? ":" : ": ") + Render(p.Value, style, indent + "  "))], style, indent);
            case JsonArray array:
                return Container("[", "]", [.. array.Select(i => Render(i, style, indent + "  "))], style, indent);
            default:
                var kind = node.GetValueKind();
                if (kind == JsonValueKind.String)
                {
                    var text = node.GetValue<string>();
                    return style.StringOpen + (style.RawStrings ? text : JsonSerializer.Serialize(text)[1..^1]) + style.StringClose;
                }

                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    var flag = kind == JsonValueKind.True;
                    return style.Python ? (flag ? "True" : "False") : (flag ? "true" : "false");
                }

                return node.ToJsonString();
        }
    }

    private static string Key(string key, JsonStyle style) => style.KeyOpen + key + style.KeyClose;

    private static string Container(string open, string close, List<string> items, JsonStyle style, string indent)
    {
        if (items.Count == 0)
        {
            return open + close;
        }

        var pretty = style.Layout == "pretty";
        var separator = style.MissingCommas ? (pretty ? "\n" + indent + "  " : " ") : pretty ? ",\n" + indent + "  " : style.Layout == "compact" ? "," : ", ";
        var builder = new StringBuilder(open);
        if (pretty)
        {
            builder.Append('\n').Append(indent).Append("  ");
        }

        if (style.Comments && open == "{")
        {
            builder.Append(pretty ? "// the fields\n" + indent + "  " : "/* the fields */ ");
        }

        builder.Append(string.Join(separator, items));
        if (style.TrailingCommas)
        {
            builder.Append(',');
        }

        if (pretty)
        {
            builder.Append('\n').Append(indent);
        }

        return builder.Append(close).ToString();
    }
}
