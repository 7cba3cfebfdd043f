using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>
/// Keel's own corpus: every damage kind from issue 5, applied to several documents in compact, spaced
/// and pretty layouts, each with the value a careful reader should get (or null = must fail).
/// </summary>
internal static class GeneratedCorpus
{
    private static readonly string[] Layouts = ["compact", "spaced", "pretty"];

    public static IReadOnlyList<GeneratedCase> Cases { get; } = Build();

    private static List<GeneratedCase> Build()
    {
        var cases = new List<GeneratedCase>();
        foreach (var shape in Shapes())
        {
            foreach (var layout in Layouts)
            {
                foreach (var (kind, input, expect) in Damages(shape, layout))
                {
                    cases.Add(new GeneratedCase($"{shape.Name}/{layout}/{kind}", shape.Schema, input, expect));
                }
            }
        }

        return cases;
    }

    private static IEnumerable<(string Kind, string Input, string? Expect)> Damages(Shape s, string layout)
    {
        var plain = new JsonStyle(layout);
        var value = s.Value;
        var text = DamagedJson.Render(value, plain);
        var expect = value.ToJsonString();

        yield return ("valid", text, expect);
        yield return ("fence", "```json\n" + text + "\n```", expect);
        yield return ("fence-4-no-lang", "````\n" + text + "\n````", expect);
        yield return ("prose-brackets-before", "Here [as requested] is the {record}:\n" + text, expect);
        yield return ("prose-after", text + "\n\nLet me know (if) you need [more] changes.", expect);
        yield return ("fence-in-prose", "Sure! {Note: values are estimates}\n```JSON\n" + text + "\n```\nAnything else?", expect);
        yield return ("think", "<think>The user wants {" + s.StringKey + "} filled. Maybe [x].</think>\n" + text, expect);
        yield return ("xml-tag", "<json>" + text + "</json>", expect);
        yield return ("trailing-commas", DamagedJson.Render(value, plain with { TrailingCommas = true }), expect);
        yield return ("single-quotes", DamagedJson.Render(value, plain with { KeyOpen = "'", KeyClose = "'", StringOpen = "'", StringClose = "'" }), expect);
        yield return ("smart-quotes", DamagedJson.Render(value, plain with { KeyOpen = "“", KeyClose = "”", StringOpen = "“", StringClose = "”" }), expect);
        yield return ("unquoted-keys", DamagedJson.Render(value, plain with { KeyOpen = "", KeyClose = "" }), expect);
        yield return ("comments", DamagedJson.Render(value, plain with { Comments = true }), expect);
        yield return ("python-literals", DamagedJson.Render(value, plain with { Python = true }), expect);
        yield return ("missing-commas", DamagedJson.Render(value, plain with { MissingCommas = true }), expect);
        yield return ("combined", "```json\n" + DamagedJson.Render(value, plain with { KeyOpen = "", KeyClose = "", StringOpen = "'", StringClose = "'", TrailingCommas = true }) + "\n```", expect);

        var newline = With(value, s.StringKey, "first line\nsecond line");
        yield return ("raw-newline", DamagedJson.Render(newline, plain with { RawStrings = true }), newline.ToJsonString());
        var quoted = With(value, s.StringKey, "the client said \"ship it\" today");
        yield return ("unescaped-quote", DamagedJson.Render(quoted, plain with { RawStrings = true }), quoted.ToJsonString());

        var closed = text.TrimEnd();
        yield return ("truncated-close", closed[..^1], expect);
        var withoutOptional = Without(value, s.OptionalKey);
        var cutOptional = DamagedJson.Render(value, plain);
        var optionalAt = cutOptional.LastIndexOf(s.OptionalValue, StringComparison.Ordinal);
        yield return ("truncated-optional-value", cutOptional[..(optionalAt + 3)], withoutOptional.ToJsonString());
        var requiredAt = text.IndexOf(s.StringValue, StringComparison.Ordinal);
        yield return ("truncated-required-value", text[..(requiredAt + 3)], null);

        yield return ("int-as-string", DamagedJson.Render(With(value, s.IntKey, value[s.IntKey]!.ToJsonString()), plain), expect);
        yield return ("int-as-float", DamagedJson.Render(With(value, s.IntKey, JsonNode.Parse(value[s.IntKey]!.ToJsonString() + ".0")), plain), expect);
        yield return ("bool-as-yes", DamagedJson.Render(With(value, s.BoolKey, value[s.BoolKey]!.GetValue<bool>() ? "yes" : "no"), plain), expect);
        yield return ("enum-case", DamagedJson.Render(With(value, s.EnumKey, s.EnumValue.ToUpperInvariant()), plain), expect);
        yield return ("enum-bold", DamagedJson.Render(With(value, s.EnumKey, "**" + s.EnumValue + "**"), plain), expect);
        yield return ("enum-explained", DamagedJson.Render(With(value, s.EnumKey, char.ToUpperInvariant(s.EnumValue[0]) + s.EnumValue[1..] + ": see the notes"), plain), expect);
        var single = (JsonArray)value[s.ArrayKey]!;
        yield return ("scalar-to-array", DamagedJson.Render(With(value, s.ArrayKey, single[0]!.GetValue<string>()), plain), expect);
        yield return ("key-camel-case", DamagedJson.Render(Renamed(value, s.IntKey, Camel(s.IntKey)), plain), expect);
        yield return ("double-encoded", JsonSerializer.Serialize(value.ToJsonString()), expect);
        yield return ("stringified-nested", DamagedJson.Render(With(value, s.ArrayKey, single.ToJsonString()), plain), expect);
        yield return ("two-candidates", "Draft: " + DamagedJson.Render(Without(value, s.StringKey), plain) + "\nFinal: " + text, expect);

        yield return ("missing-required", DamagedJson.Render(Without(value, s.IntKey), plain), null);
        yield return ("enum-unknown", DamagedJson.Render(With(value, s.EnumKey, "whatever"), plain), null);
        yield return ("enum-ambiguous", DamagedJson.Render(With(value, s.EnumKey, s.EnumValue + " or " + s.OtherEnumValue), plain), null);
        yield return ("out-of-range", DamagedJson.Render(With(value, s.IntKey, JsonValue.Create(-5)), plain), null);
        yield return ("word-for-number", DamagedJson.Render(With(value, s.IntKey, "a few"), plain), null);
        yield return ("no-json", "I could not find {any} of that in the [document].", null);
    }

    private static JsonObject With(JsonObject value, string key, JsonNode? replacement)
    {
        var copy = value.DeepClone().AsObject();
        copy[key] = replacement;
        return copy;
    }

    private static JsonObject Without(JsonObject value, string key)
    {
        var copy = value.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }

    private static JsonObject Renamed(JsonObject value, string key, string newKey)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in value)
        {
            copy[k == key ? newKey : k] = v?.DeepClone();
        }

        return copy;
    }

    private static string Camel(string key)
    {
        var parts = key.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static IEnumerable<Shape> Shapes()
    {
        yield return Shape.Create("ticket", "summary", "Export fails on large files", "retry_count", 3, "severity", ["low", "medium", "high"], "high", "low", "urgent", "labels", "bug", "notes", "seen twice this week");
        yield return Shape.Create("order", "customer", "Maria Lopez", "item_count", 12, "status", ["pending", "shipped", "delivered"], "shipped", "pending", "gift", "coupons", "SPRING", "comment", "leave at the door");
        yield return Shape.Create("review", "headline", "Solid lamp with a warm light", "star_rating", 4, "sentiment", ["positive", "neutral", "negative"], "positive", "negative", "verified", "pros", "bright", "reviewer_note", "bought it for my desk");
        yield return Shape.Create("task", "title", "Prepare the quarterly report", "estimate_hours", 8, "priority", ["low", "normal", "urgent"], "normal", "urgent", "blocked", "owners", "ana", "details", "numbers from finance first");
    }
}
