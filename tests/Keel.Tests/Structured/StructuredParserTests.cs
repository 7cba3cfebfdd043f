using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Keel.Tests.Structured;

public sealed class StructuredParserTests
{
    private static readonly StructuredSchema Ticket = StructuredSchema.FromJson("""
        {"type":"object","properties":{
          "title":{"type":"string"},
          "priority":{"type":"string","enum":["low","high"],"x-aliases":{"high":["p1","critical"]}},
          "count":{"type":"integer"},
          "done":{"type":"boolean"},
          "tags":{"type":"array","items":{"type":"string"}},
          "meta":{"type":["object","null"],"properties":{"a":{"type":"integer"}},"required":["a"]},
          "id":{"anyOf":[{"type":"integer"},{"type":"string"}]}
        },"required":["title","priority"]}
        """);

    [Theory]
    [InlineData("\"**HIGH**\"", "high", StructuredRule.EnumDecoration)]
    [InlineData("\"High: needs attention\"", "high", StructuredRule.EnumDecoration)]
    [InlineData("\"HIGH\"", "high", StructuredRule.EnumCase)]
    [InlineData("\"critical\"", "high", StructuredRule.EnumAlias)]
    public void TryParse_DecoratedEnum_MapsToTheDeclaredValue(string priority, string expected, StructuredRule rule)
    {
        Assert.True(StructuredParser.TryParse($"{{\"title\": \"x\", \"priority\": {priority}}}", Ticket, out var result), string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Value!["priority"]!.GetValue<string>());
        Assert.Contains(result.Repairs, r => r.Rule == rule && r.Path == "$.priority");
    }

    [Theory]
    [InlineData("\"HIGH or LOW\"")]
    [InlineData("\"not sure\"")]
    public void TryParse_AmbiguousOrUnknownEnum_Fails(string priority)
    {
        Assert.False(StructuredParser.TryParse($"{{\"title\": \"x\", \"priority\": {priority}}}", Ticket, out var result));
        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Path == "$.priority");
    }

    [Fact]
    public void TryParse_Coercions_AreEachReported()
    {
        Assert.True(StructuredParser.TryParse("{\"title\": \"x\", \"priority\": \"low\", \"count\": 42.0, \"done\": \"yes\", \"tags\": \"a\", \"meta\": \"{\\\"a\\\": 1}\"}", Ticket, out var result), string.Join("; ", result.Errors));
        Assert.Equal(42, result.Value!["count"]!.GetValue<long>());
        Assert.True(result.Value["done"]!.GetValue<bool>());
        Assert.Equal("[\"a\"]", result.Value["tags"]!.ToJsonString());
        Assert.Equal(1, result.Value["meta"]!["a"]!.GetValue<int>());
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.NumberToInteger);
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.StringToBoolean);
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.ScalarToArray);
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.StringToStructure);
    }

    [Fact]
    public void TryParse_ArrayItemThatFailsCoercion_FailsInsteadOfDroppingIt()
    {
        var schema = StructuredSchema.FromJson("""{"type":"array","items":{"type":"integer"}}""");
        Assert.False(StructuredParser.TryParse("[1, 2, \"three\"]", schema, out var result));
        Assert.Contains(result.Errors, e => e.Path == "$[2]");
    }

    [Fact]
    public void TryParse_TruncatedRequiredValue_Fails()
    {
        Assert.False(StructuredParser.TryParse("{\"priority\": \"low\", \"title\": \"Quarterly rev", Ticket, out var result));
        Assert.Contains(result.Errors, e => e.Rule == StructuredRule.Required && e.Path == "$.title" && e.Message.Contains("cut off", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Repairs, r => r.Message.Contains("what is missing is optional", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_TwoDifferentValidValues_IsAmbiguous()
    {
        Assert.False(StructuredParser.TryParse("{\"title\": \"a\", \"priority\": \"low\"} or {\"title\": \"b\", \"priority\": \"low\"}", Ticket, out var result));
        Assert.Contains(result.Errors, e => e.Rule == StructuredRule.Ambiguous);
    }

    [Fact]
    public void TryParse_SeveralItemsForAnArrayTarget_CollectsThem()
    {
        var schema = StructuredSchema.FromJson("""{"type":"array","items":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}""");
        Assert.True(StructuredParser.TryParse("First {\"n\": 1} then {\"n\": 2}.", schema, out var result), string.Join("; ", result.Errors));
        Assert.Equal("[{\"n\":1},{\"n\":2}]", result.Value!.ToJsonString());
    }

    [Fact]
    public void TryParse_ThinkBlockAndFourBacktickFence_AreRemoved()
    {
        var text = "<think>maybe {\"title\": \"wrong\", \"priority\": \"low\"}</think>\n````\n{\"title\": \"right\", \"priority\": \"low\"}\n````";
        Assert.True(StructuredParser.TryParse(text, Ticket, out var result), string.Join("; ", result.Errors));
        Assert.Equal("right", result.Value!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{'title': 'Explain the <think> tag', 'priority': 'low'}")]
    [InlineData("  <think>\nThe user wants a ticket.\n</think>\n{'title': 'Explain the <think> tag', 'priority': 'low'}")]
    public void TryParse_ThinkTagInsideAStringValue_IsTextNotAReasoningBlock(string text)
    {
        Assert.True(StructuredParser.TryParse(text, Ticket, out var result), string.Join("; ", result.Errors));
        Assert.Equal("Explain the <think> tag", result.Value!["title"]!.GetValue<string>());
    }

    [Fact]
    public void TryParse_Strict_RejectsWhatLenientRepairs()
    {
        const string text = "{'title': 'x', 'priority': 'low'}";
        Assert.True(StructuredParser.TryParse(text, Ticket, out _));
        Assert.False(StructuredParser.TryParse(text, Ticket, StructuredPolicy.Strict, out var strict));
        Assert.Contains(strict.Errors, e => e.Rule == StructuredRule.NotAllowed);
        Assert.True(StructuredParser.TryParse("{\"title\": \"x\", \"priority\": \"low\"}", Ticket, StructuredPolicy.Strict, out _));
        Assert.False(StructuredParser.TryParse(text, Ticket, StructuredPolicy.Lenient.Deny(StructuredRule.SingleQuotes), out _));
    }

    [Fact]
    public void TryParse_AnyOf_PicksTheExactBranch()
    {
        Assert.True(StructuredParser.TryParse("{\"title\": \"x\", \"priority\": \"low\", \"id\": \"7\"}", Ticket, out var result));
        Assert.Equal("7", result.Value!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Invalid_ThrowsWithTheErrors()
    {
        var ex = Assert.Throws<StructuredParseException>(() => StructuredParser.Parse("no json here", Ticket));
        Assert.Contains(ex.Errors, e => e.Rule == StructuredRule.NoValue);
    }

    [Fact]
    public void ParseOfT_RepairedText_Deserializes()
    {
        var person = StructuredParser.Parse<Person>("```json\n{name: 'Ada', age: \"36\", level: \"SENIOR\",}\n```");
        Assert.NotNull(person);
        Assert.Equal("Ada", person.Name);
        Assert.Equal(36, person.Age);
        Assert.Equal(Level.Senior, person.Level);
    }

    [Fact]
    public void FromJson_UnknownType_NamesWhereAndWhat()
    {
        var ex = Assert.Throws<ArgumentException>(() => StructuredSchema.FromJson("""{"properties":{"a":{"type":"strin"}}}"""));
        Assert.Contains("#/properties/a/type", ex.Message, StringComparison.Ordinal);
        Assert.Contains("strin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Diagnostic_HasPathRuleBeforeAndAfter()
    {
        Assert.True(StructuredParser.TryParse("{\"title\": \"x\", \"priority\": \"Low\"}", Ticket, out var result));
        var d = Assert.Single(result.Repairs);
        Assert.Equal("$.priority", d.Path);
        Assert.Equal(StructuredRule.EnumCase, d.Rule);
        Assert.Equal("\"Low\"", d.Before);
        Assert.Equal("\"low\"", d.After);
    }

    internal sealed record Person(string Name, int Age, Level? Level = null);

    [JsonConverter(typeof(JsonStringEnumConverter<Level>))]
    internal enum Level
    {
        Junior,
        Senior,
    }
}
