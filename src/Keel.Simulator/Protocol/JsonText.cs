using System.Text;
using System.Text.Json;

namespace Keel.Simulator;

/// <summary>Reads text out of the content shapes both protocols use: a string, or an array of typed parts.</summary>
internal static class JsonText
{
    public static string Of(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? "";
            case JsonValueKind.Array:
                var builder = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    var piece = PartText(part);
                    if (piece.Length > 0)
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append('\n');
                        }

                        builder.Append(piece);
                    }
                }

                return builder.ToString();
            default:
                return "";
        }
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static int? Int(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    public static JsonElement? Property(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string PartText(JsonElement part) => part.ValueKind switch
    {
        JsonValueKind.String => part.GetString() ?? "",
        JsonValueKind.Object when String(part, "type") is "text" => String(part, "text") ?? "",
        JsonValueKind.Object when String(part, "type") is "tool_result" && Property(part, "content") is { } inner => Of(inner),
        _ => "",
    };
}
