using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>A document the generated corpus damages: a string, an integer, an enum, a boolean, a one-item list, an optional string last.</summary>
internal sealed record Shape(string Name, StructuredSchema Schema, JsonObject Value, string StringKey, string StringValue, string IntKey, string EnumKey, string EnumValue, string OtherEnumValue, string BoolKey, string ArrayKey, string OptionalKey, string OptionalValue)
{
    public static Shape Create(string name, string stringKey, string stringValue, string intKey, int intValue, string enumKey, string[] enumValues, string enumValue, string otherEnumValue, string boolKey, string arrayKey, string item, string optionalKey, string optionalValue)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                [stringKey] = new JsonObject { ["type"] = "string" },
                [intKey] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                [enumKey] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. enumValues.Select(v => (JsonNode)v)]) },
                [boolKey] = new JsonObject { ["type"] = "boolean" },
                [arrayKey] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                [optionalKey] = new JsonObject { ["type"] = "string" },
            },
            ["required"] = new JsonArray(stringKey, intKey, enumKey, boolKey),
        };
        var value = new JsonObject
        {
            [stringKey] = stringValue,
            [intKey] = intValue,
            [enumKey] = enumValue,
            [boolKey] = true,
            [arrayKey] = new JsonArray(item),
            [optionalKey] = optionalValue,
        };
        return new Shape(name, StructuredSchema.FromJson(schema.ToJsonString()), value, stringKey, stringValue, intKey, enumKey, enumValue, otherEnumValue, boolKey, arrayKey, optionalKey, optionalValue);
    }

    public override string ToString() => Name + " " + JsonSerializer.Serialize(Value);
}
