using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>Turns the values a caller passes (CLR values, JSON, command-line text) into the plain shapes the
/// templates see (string, long, double, decimal, bool, lists, string-keyed dictionaries) and checks them against a
/// declared input type.</summary>
internal static class PromptValues
{
    /// <summary>The plain form of <paramref name="value"/>, or null for JSON null.</summary>
    public static object? Normalise(object? value) => value switch
    {
        null => null,
        string or bool or long or double or decimal => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (decimal)u,
        float f => (double)f,
        char c => c.ToString(),
        Enum e => e.ToString(),
        JsonElement element => FromJson(element),
        JsonNode node => FromJson(JsonSerializer.SerializeToElement(node)),
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Normalise(p.Value), StringComparer.Ordinal),
        IDictionary map => map.Cast<DictionaryEntry>().ToDictionary(p => Convert.ToString(p.Key, CultureInfo.InvariantCulture)!, p => Normalise(p.Value), StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(Normalise).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Whether a plain value fits <paramref name="type"/>; an integer-valued number counts as an integer.</summary>
    public static bool Fits(object value, PromptInputType type) => type switch
    {
        PromptInputType.String => value is string,
        PromptInputType.Number => value is long or double or decimal,
        PromptInputType.Integer => value is long || (value is double d && double.IsInteger(d)) || (value is decimal m && decimal.IsInteger(m)),
        PromptInputType.Boolean => value is bool,
        PromptInputType.Array => value is List<object?>,
        PromptInputType.Object => value is Dictionary<string, object?>,
        _ => false,
    };

    /// <summary>Reads command-line text (<c>--var name=text</c>) as <paramref name="type"/>: numbers and booleans
    /// as written in JSON, arrays and objects as JSON text; false when it does not read.</summary>
    public static bool TryParse(string text, PromptInputType type, out object? value)
    {
        value = null;
        switch (type)
        {
            case PromptInputType.String:
                value = text;
                return true;
            case PromptInputType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                value = whole;
                return true;
            case PromptInputType.Number when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                value = whole;
                return true;
            case PromptInputType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                value = number;
                return true;
            case PromptInputType.Boolean when text is "true" or "false":
                value = text == "true";
                return true;
            case PromptInputType.Array or PromptInputType.Object:
                try
                {
                    value = FromJson(JsonDocument.Parse(text).RootElement);
                    return Fits(value!, type);
                }
                catch (JsonException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    /// <summary>A short description of a plain value for error messages: its JSON type and a clipped rendering.</summary>
    public static string Describe(object? value)
    {
        var kind = value switch
        {
            null => "null",
            string => "a string",
            bool => "a boolean",
            long => "an integer",
            double or decimal => "a number",
            List<object?> => "an array",
            _ => "an object",
        };
        var text = JsonSerializer.Serialize(value);
        return $"{kind} {Clip(text)}";
    }

    /// <summary>A value as messages quote it: up to 40 characters.</summary>
    public static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
