using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>The corpus's comparison rule: deep equality after dropping null-valued keys, numbers compared as numbers.</summary>
internal static class JsonAssert
{
    public static bool Same(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                var ek = e.Where(p => p.Value is not null).ToList();
                var ak = a.Where(p => p.Value is not null).ToList();
                return ek.Count == ak.Count && ek.All(p => a.TryGetPropertyValue(p.Key, out var v) && Same(p.Value, v));
            case JsonArray e when actual is JsonArray a:
                return e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second));
            case JsonValue when expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number:
                return decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return JsonNode.DeepEquals(expected, actual);
        }
    }
}
