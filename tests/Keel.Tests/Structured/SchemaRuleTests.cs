using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

public sealed class SchemaRuleTests
{
    private static readonly StructuredSchema Closed = StructuredSchema.FromJson("""
        {"type":"object","additionalProperties":false,
         "properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name"]}
        """);

    private static readonly StructuredSchema Formats = StructuredSchema.FromJson("""
        {"type":"object","properties":{
          "day":{"type":"string","format":"date"},
          "at":{"type":"string","format":"date-time"},
          "mail":{"type":"string","format":"email"},
          "site":{"type":"string","format":"uri"},
          "id":{"type":"string","format":"uuid"},
          "code":{"type":"string","pattern":"^[A-Z]{3}-\\d{2}$"}
        }}
        """);

    private static readonly StructuredSchema Money = StructuredSchema.FromJson("""{"type":"object","properties":{"amount":{"type":"number"},"count":{"type":"integer"}}}""");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryParse_ExtraKeyUnderLenient_IsDroppedWithADiagnostic(bool valid)
    {
        var text = valid ? """{"name":"Ann","age":4,"country":"US"}""" : """{name: 'Ann', age: 4, country: 'US'}""";
        Assert.True(StructuredParser.TryParse(text, Closed, out var result), string.Join("; ", result.Errors));
        Assert.Equal("""{"name":"Ann","age":4}""", result.Value!.ToJsonString());
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.ExtraProperty && r.Path == "$.country");
    }

    [Fact]
    public void TryParse_ExtraKeyUnderStrict_IsAnError()
    {
        Assert.False(StructuredParser.TryParse("""{"name":"Ann","country":"US"}""", Closed, StructuredPolicy.Strict, out var result));
        Assert.Contains(result.Errors, e => e.Rule == StructuredRule.NotAllowed && e.Path == "$.country");
    }

    [Fact]
    public void TryParse_ExtraKeyWithoutAdditionalPropertiesFalse_IsKept()
    {
        var open = StructuredSchema.FromJson("""{"type":"object","properties":{"name":{"type":"string"}}}""");
        Assert.True(StructuredParser.TryParse("""{"name":"Ann","country":"US"}""", open, out var result));
        Assert.Equal("US", result.Value!["country"]!.GetValue<string>());
        Assert.Empty(result.Repairs);
    }

    [Theory]
    [InlineData("""{"result": {"name": "Ann", "age": 4}}""")]
    [InlineData("""{"data": {"name": "Ann", "age": 4}}""")]
    [InlineData("""[{"name": "Ann", "age": 4}]""")]
    public void TryParse_WrapperOrOneItemList_IsUnwrappedWithADiagnostic(string text)
    {
        Assert.True(StructuredParser.TryParse(text, Closed, out var result), string.Join("; ", result.Errors));
        Assert.Equal("""{"name":"Ann","age":4}""", result.Value!.ToJsonString());
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.Unwrapped && r.Path == "$");
    }

    [Theory]
    [InlineData("""{"result": {"name": "Ann"}, "other": 1}""")]
    [InlineData("""{"result": {"title": "Ann"}}""")]
    [InlineData("""[{"name": "Ann"}, {"name": "Bo"}]""")]
    public void TryParse_WrapperThatIsNotAPlainWrapper_IsNotUnwrapped(string text)
    {
        Assert.False(StructuredParser.TryParse(text, Closed, out var result));
        Assert.DoesNotContain(result.Repairs, r => r.Rule == StructuredRule.Unwrapped);
    }

    [Fact]
    public void TryParse_WrapperUnderStrict_IsAnError()
    {
        Assert.False(StructuredParser.TryParse("""{"result": {"name": "Ann"}}""", Closed, StructuredPolicy.Strict, out var result));
        Assert.Contains(result.Errors, e => e.Rule == StructuredRule.NotAllowed);
    }

    [Theory]
    [InlineData("[]", false)]
    [InlineData("[1]", true)]
    [InlineData("[1,2,3]", true)]
    [InlineData("[1,2,3,4]", false)]
    [InlineData("[1,2,3,4,5", false)]
    public void TryParse_ItemCount_IsChecked(string text, bool fits)
    {
        var schema = StructuredSchema.FromJson("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}""");
        Assert.Equal(fits, StructuredParser.TryParse(text, schema, out var result));
        if (!fits)
        {
            Assert.Contains(result.Errors, e => e.Rule == StructuredRule.ItemCount && e.Path == "$");
        }
    }

    [Theory]
    [InlineData("day", "2024-02-29", true)]
    [InlineData("day", "2023-02-29", false)]
    [InlineData("day", "29/02/2024", false)]
    [InlineData("at", "2024-05-01T10:30:00Z", true)]
    [InlineData("at", "2024-05-01T10:30:00.5+02:00", true)]
    [InlineData("at", "2024-05-01", false)]
    [InlineData("at", "yesterday at noon", false)]
    [InlineData("mail", "ann@example.com", true)]
    [InlineData("mail", "Ann <ann@example.com>", false)]
    [InlineData("mail", "not an email", false)]
    [InlineData("site", "https://example.com/a?b=1", true)]
    [InlineData("site", "example dot com", false)]
    [InlineData("id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("id", "3f2504e04f8911d39a0c0305e82c3301", false)]
    [InlineData("code", "ABC-12", true)]
    [InlineData("code", "abc-12", false)]
    public void TryParse_FormatAndPattern_AreChecked(string property, string value, bool fits)
    {
        var text = new JsonObject { [property] = value }.ToJsonString();
        foreach (var variant in new[] { text, "Here:\n" + text.Replace("\"" + property + "\"", property, StringComparison.Ordinal) })
        {
            Assert.Equal(fits, StructuredParser.TryParse(variant, Formats, out var result));
            if (!fits)
            {
                var error = Assert.Single(result.Errors);
                Assert.Equal(property == "code" ? StructuredRule.Pattern : StructuredRule.Format, error.Rule);
                Assert.Equal("$." + property, error.Path);
            }
        }
    }

    [Theory]
    [InlineData("\"1,234\"", 1234)]
    [InlineData("\"1,234,567.5\"", 1234567.5)]
    [InlineData("\"$12.50\"", 12.5)]
    [InlineData("\"€ 1,200\"", 1200)]
    [InlineData("\"-$5\"", -5)]
    public void TryParse_NumberWithSeparatorsOrCurrency_IsReadWithADiagnostic(string written, double expected)
    {
        Assert.True(StructuredParser.TryParse($"{{\"amount\": {written}}}", Money, out var result), string.Join("; ", result.Errors));
        Assert.Equal(expected, (double)result.Value!["amount"]!.GetValue<decimal>(), 6);
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.NumberText && r.Path == "$.amount");
    }

    [Theory]
    [InlineData("\"30%\"")]
    [InlineData("\"1,5\"")]
    [InlineData("\"1.234,56\"")]
    [InlineData("\"12,34\"")]
    [InlineData("\"90 min\"")]
    [InlineData("\"10-20\"")]
    public void TryParse_AmbiguousNumberText_IsAnError(string written)
    {
        Assert.False(StructuredParser.TryParse($"{{\"amount\": {written}}}", Money, out var result));
        Assert.Contains(result.Errors, e => e.Path == "$.amount");
    }

    [Fact]
    public void TryParse_NumberTextForAnInteger_MustStillBeWhole()
    {
        Assert.True(StructuredParser.TryParse("""{"count": "1,000"}""", Money, out var whole));
        Assert.Equal("1000", whole.Value!["count"]!.ToJsonString());
        Assert.False(StructuredParser.TryParse("""{"count": "$1.50"}""", Money, out _));
    }

    [Theory]
    [InlineData("The count is **7**.", "7")]
    [InlineData("There are 12 items in the list.", "12")]
    [InlineData("7", "7")]
    public void TryParse_NumberTargetWithOneNumberInProse_TakesIt(string text, string expected)
    {
        var count = StructuredSchema.FromJson("""{"type":"integer"}""");
        Assert.True(StructuredParser.TryParse(text, count, out var result), string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("7 of the 10 items")]
    [InlineData("About 30% of them")]
    [InlineData("Version 1.2.3")]
    [InlineData("no number here")]
    public void TryParse_NumberTargetWithNoneOrSeveralNumbersInProse_Fails(string text)
    {
        var count = StructuredSchema.FromJson("""{"type":"integer"}""");
        Assert.False(StructuredParser.TryParse(text, count, out _));
    }

    [Fact]
    public void For_SameTypeAndOptions_BuildsTheSchemaOnce()
    {
        var camel = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var snake = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

        Assert.Same(StructuredSchema.For(typeof(Named)), StructuredSchema.For(typeof(Named)));
        Assert.Same(StructuredSchema.For(typeof(Named), camel), StructuredSchema.For(typeof(Named), camel));
        Assert.Contains("full_name", StructuredSchema.For(typeof(Named), snake).Document.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("fullName", StructuredSchema.For(typeof(Named), camel).Document.GetRawText(), StringComparison.Ordinal);
    }

    public sealed record Named(string FullName);
}
