using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Structured;

public sealed class StructuredStreamParserTests
{
    private static readonly StructuredSchema People = StructuredSchema.FromJson("""
        {"type":"array","items":{"type":"object","properties":{
          "name":{"type":"string"},"age":{"type":"integer"},"priority":{"type":"string","enum":["LOW","HIGH"]},
          "tags":{"type":"array","items":{"type":"string"}},"address":{"type":["object","null"],"properties":{"city":{"type":"string"}},"required":["city"]}
        },"required":["name","age","priority"]}}
        """);

    public static TheoryData<string> Documents()
    {
        var items = Enumerable.Range(0, 12).Select(i => new JsonObject
        {
            ["name"] = "Person number " + i,
            ["age"] = 20 + i,
            ["priority"] = i % 2 == 0 ? "HIGH" : "LOW",
            ["tags"] = new JsonArray("a", "b \"quoted\""),
            ["address"] = i % 3 == 0 ? null : new JsonObject { ["city"] = "Springfield" },
        });
        var array = new JsonArray([.. items]);
        var pretty = array.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return new TheoryData<string>
        {
            array.ToJsonString(),
            pretty,
            "Sure! Here they are:\n```json\n" + pretty + "\n```\nAnything else?",
            pretty.Replace("\"name\"", "name", StringComparison.Ordinal).Replace("\"HIGH\"", "'high'", StringComparison.Ordinal) + "\n",
        };
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Append_SmallChunks_PartialsOnlyFillInAndEndAtTheFullParse(string text)
    {
        var parser = new StructuredStreamParser(People);
        var partials = new List<JsonNode>();
        for (var i = 0; i < text.Length; i += 3)
        {
            if (parser.Append(text.Substring(i, Math.Min(3, text.Length - i))))
            {
                partials.Add(parser.Partial!.DeepClone());
            }
        }

        parser.Flush();
        var final = parser.Complete();
        Assert.True(final.Succeeded, string.Join("; ", final.Errors));
        Assert.True(JsonNode.DeepEquals(final.Value, parser.Partial), $"{parser.Partial?.ToJsonString()}\n!=\n{final.Value?.ToJsonString()}");
        Assert.True(partials.Count >= 3, $"only {partials.Count} partial values");
        for (var i = 0; i < partials.Count; i++)
        {
            Assert.True(IsPrefix(partials[i], final.Value), $"partial {i} is not part of the final value: {partials[i].ToJsonString()}");
            if (i > 0)
            {
                Assert.True(IsPrefix(partials[i - 1], partials[i]), $"partial {i} changed what partial {i - 1} gave");
            }
        }
    }

    [Fact]
    public void Flush_EveryCharacter_AScalarAppearsOnlyWhenComplete()
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"ok":{"type":"boolean"}},"required":["name","age","ok"]}""");
        const string text = """{"name": "Ann Lee", "age": 42, "ok": true}""";
        var parser = new StructuredStreamParser(schema);
        foreach (var c in text)
        {
            parser.Append(c.ToString());
            parser.Flush();
            if (parser.Partial is JsonObject partial)
            {
                Assert.True(!partial.ContainsKey("name") || partial["name"]!.GetValue<string>() == "Ann Lee", partial.ToJsonString());
                Assert.True(!partial.ContainsKey("age") || partial["age"]!.ToJsonString() == "42", partial.ToJsonString());
                Assert.True(!partial.ContainsKey("ok") || partial["ok"]!.GetValue<bool>(), partial.ToJsonString());
            }
        }

        Assert.Equal("""{"name":"Ann Lee","age":42,"ok":true}""", parser.Partial!.ToJsonString());
    }

    [Fact]
    public void Flush_NoValueStartedYet_PartialIsNull()
    {
        var parser = new StructuredStreamParser(People);
        parser.Append("Sure! Let me look those people up for you");
        Assert.False(parser.Flush());
        Assert.Null(parser.Partial);
    }

    [Theory]
    [InlineData("{'name': 'Ann Lee', 'age': 42, 'ok': true}")]
    [InlineData("Here it is: {\"name\": \"Ann Lee\", \"age\": 42, \"ok\": true}")]
    public void Append_PolicyDeniesARepairTheTextNeeds_NothingOfTheValueAppearsAndItFailsAtTheEnd(string text)
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"ok":{"type":"boolean"}},"required":["name","age","ok"]}""");
        var parser = new StructuredStreamParser(schema, StructuredPolicy.Strict);
        foreach (var c in text)
        {
            parser.Append(c.ToString());
            parser.Flush();
            Assert.True(parser.Partial is null or JsonObject { Count: 0 }, parser.Partial?.ToJsonString());
        }

        Assert.False(parser.Complete().Succeeded);
        var lenient = new StructuredStreamParser(schema);
        lenient.Append(text);
        Assert.True(lenient.Flush());
        Assert.Equal("""{"name":"Ann Lee","age":42,"ok":true}""", lenient.Partial!.ToJsonString());
    }

    [Fact]
    public void Append_LongStream_ReadsTheTextGeometricallyNotPerChunk()
    {
        var item = """{"name": "Person", "age": 30, "priority": "LOW", "tags": ["x"]}""";
        var text = "[" + string.Join(",\n", Enumerable.Repeat(item, 3000)) + "]";
        var parser = new StructuredStreamParser(People);
        var chunks = 0;
        for (var i = 0; i < text.Length; i += 16, chunks++)
        {
            parser.Append(text.Substring(i, Math.Min(16, text.Length - i)));
        }

        // Growth by a quarter each time: about log(n / 256) / log(1.25) readings, not one per chunk.
        Assert.InRange(parser.Readings, 10, 50);
        Assert.True(chunks > 10_000);
        Assert.Equal(3000, parser.Complete().Value!.AsArray().Count);
    }

    [Fact]
    public void ParsePrefix_PrefixesOfEveryCorpusText_TheValueCoercingTheCandidateGives()
    {
        // A prefix whose document fits is returned without coercion; this holds that to what coercion would have returned.
        var policy = StructuredPolicy.Lenient.Allow(StructuredRule.Truncation);
        var edges = StructuredSchema.FromJson("""
            {"type":"object","properties":{
              "items":{"type":"array","minItems":2,"items":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a","b"]}},
              "inner":{"type":"object","properties":{"x":{"type":"integer"},"deep":{"type":"array","items":{"type":"array","items":{"type":"number"}}}},"required":["x"]},
              "n":{"type":"integer"}},"required":["items","inner","n"]}
            """);
        string[] edgeTexts =
        [
            """{"inner": {}, "items": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}], "n": 3}""",
            """{"n": 3, "inner": {"x": 1}, "items": [{"a": 1, "b": "x"}]}""",
            """{"items": [{"a": 1}, {"a": 2, "b": "y \"q\" \u00e9"}], "inner": {"x": 1, "deep": [[1.5, 2], [3e2, 4]]}, "n": 12345}""",
            """Here: {items: [{a: 1, b: 'x'}, {a: 2, b: 'y'},], inner: {x: 1, deep: [[1], []]}, n: 7, // done""",
        ];
        var cases = GeneratedCorpus.Cases.Select(c => (c.Schema, c.Input))
            .Concat(StructuredCorpus.Cases.Select(c => (StructuredCorpus.Schema(c.Schema), c.Input)))
            .Concat(edgeTexts.Select(t => (edges, t)));
        var (prefixes, asRead) = (0, 0);
        foreach (var (schema, text) in cases)
        {
            for (var length = 1; length <= text.Length; length += Math.Max(1, text.Length / 60))
            {
                var prefix = text[..length];
                var partial = StructuredParser.ParsePrefix(prefix, schema.Root, policy);
                var coerced = CoercePrefix(prefix, schema.Root, policy, out var fits);
                Assert.True(
                    JsonNode.DeepEquals(coerced, partial is { } p ? JsonNode.Parse(p.GetRawText()) : null),
                    $"{System.Text.Json.JsonSerializer.Serialize(prefix)}: coerced {coerced?.ToJsonString() ?? "null"}, read {partial?.GetRawText() ?? "null"}");
                prefixes++;
                asRead += fits ? 1 : 0;
            }
        }

        Assert.True(asRead > prefixes / 4, $"only {asRead} of {prefixes} prefixes were taken as read");
    }

    /// <summary>The partial value as coercion gives it: the first candidate of the right kind, coerced with its cut-off containers.</summary>
    private static JsonNode? CoercePrefix(string prefix, SchemaNode schema, StructuredPolicy policy, out bool fits)
    {
        fits = false;
        foreach (var candidate in CandidateExtractor.Find(prefix, out _))
        {
            if (candidate.Value is JsonObject && !schema.Allows(SchemaTypes.Object) || candidate.Value is JsonArray && !schema.Allows(SchemaTypes.Array))
            {
                continue;
            }

            fits = candidate.Element is { } element && ExactJsonFastPath.FitsAsPartial(element, schema, candidate.CutDepth);
            var context = new CoercionContext(policy, candidate.Incomplete) { Streaming = true };
            var value = SchemaCoercer.Coerce(candidate.Value, schema, "$", context);
            return context.Errors.Count == 0 ? value : null;
        }

        return null;
    }

    [Fact]
    public async Task GetStructuredStreamAsync_StreamedAnswer_YieldsFillingValuesThenTheCompleteOne()
    {
        var answer = "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{"name": "P{{i}}", "age": {{i}}, "priority": "high"}""")) + "]";
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply(answer)) { ChunkSize = 7 };
        var seen = new List<Person[]>();
        await foreach (var people in client.GetStructuredStreamAsync<Person[]>([new ChatMessage(ChatRole.User, "people")], cancellationToken: TestContext.Current.CancellationToken))
        {
            seen.Add(people);
        }

        Assert.True(seen.Count >= 3, $"{seen.Count} values");
        Assert.Equal(20, seen[^1].Length);
        Assert.All(seen[^1], p => Assert.Equal(Priority.High, p.Priority));
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Length >= seen[i - 1].Length);
        }
    }

    [Fact]
    public async Task GetStructuredStreamAsync_AnswerThatFailsTheSchema_ThrowsAtTheEnd()
    {
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""[{"name": "P", "age": "old", "priority": "HIGH"}]"""));
        var error = await Assert.ThrowsAsync<StructuredOutputException>(async () =>
        {
            await foreach (var _ in client.GetStructuredStreamAsync<Person[]>([new ChatMessage(ChatRole.User, "people")], cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Equal(StructuredErrorKind.Invalid, error.Kind);
    }

    /// <summary>Whether <paramref name="part"/> gives nothing <paramref name="whole"/> does not: objects may lack keys, arrays trailing items.</summary>
    private static bool IsPrefix(JsonNode? part, JsonNode? whole) => part switch
    {
        JsonObject o => whole is JsonObject w && o.All(p => w.TryGetPropertyValue(p.Key, out var v) && IsPrefix(p.Value, v)),
        JsonArray a => whole is JsonArray w && a.Count <= w.Count && a.Select((x, i) => IsPrefix(x, w[i])).All(b => b),
        _ => JsonNode.DeepEquals(part, whole),
    };

    public enum Priority
    {
        Low,
        High,
    }

    public sealed record Person(string Name, int Age, Priority Priority);
}
