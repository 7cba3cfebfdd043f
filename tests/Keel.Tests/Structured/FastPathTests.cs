using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>The fast path for strict JSON gives exactly what the lenient path gives for the same value.</summary>
public sealed class FastPathTests
{
    [Fact]
    public void TryParse_EveryStrictJsonCase_SameValueAsTheLenientPath()
    {
        var compared = 0;
        foreach (var c in GeneratedCorpus.Cases.Concat(StructuredCorpus.Cases.Select(s => new GeneratedCase(s.Id, StructuredCorpus.Schema(s.Schema), s.Input, s.Expect))))
        {
            if (!IsStrictJson(c.Input))
            {
                continue;
            }

            compared++;
            foreach (var text in new[] { c.Input, "```json\n" + c.Input.Trim() + "\n```" })
            {
                var fast = StructuredParser.TryParse(text, c.Schema, out var direct);

                // Prose in front sends the same value through candidate extraction and the lenient reader.
                var lenient = StructuredParser.TryParse("Here it is:\n" + text, c.Schema, out var viaReader);
                Assert.True(fast == lenient, $"{c.Id}: fast {fast}, lenient {lenient}: {string.Join("; ", direct.Errors.Concat(viaReader.Errors))}");
                Assert.True(JsonNode.DeepEquals(direct.Value, viaReader.Value), $"{c.Id}: {direct.Value?.ToJsonString()} != {viaReader.Value?.ToJsonString()}");
                Assert.Equal(
                    direct.Repairs.Where(r => r.Rule != StructuredRule.Extraction).Select(r => (r.Path, r.Rule)),
                    viaReader.Repairs.Where(r => r.Rule != StructuredRule.Extraction).Select(r => (r.Path, r.Rule)));
            }
        }

        Assert.True(compared >= 30, $"only {compared} strict-JSON cases");
    }

    [Fact]
    public void TryParse_StrictJsonThatNeedsACoercion_StillReportsIt()
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"n":{"type":"integer"},"p":{"type":"string","enum":["LOW","HIGH"]}},"required":["n","p"]}""");

        Assert.True(StructuredParser.TryParse("""{"n": 42.0, "p": "high"}""", schema, out var result));

        Assert.Equal("""{"n":42,"p":"HIGH"}""", result.Value!.ToJsonString());
        Assert.Equal([StructuredRule.NumberToInteger, StructuredRule.EnumCase], result.Repairs.Select(r => r.Rule));

        Assert.True(StructuredParser.TryParse("```json\n{\"n\": 42.0, \"p\": \"high\"}\n```", schema, out var fenced));
        Assert.Equal("""{"n":42,"p":"HIGH"}""", fenced.Value!.ToJsonString());
        Assert.Equal([StructuredRule.Extraction, StructuredRule.NumberToInteger, StructuredRule.EnumCase], fenced.Repairs.Select(r => r.Rule));
        Assert.False(StructuredParser.TryParse("```json\n{\"n\": 42.0, \"p\": \"high\"}\n```", schema, StructuredPolicy.Lenient.Deny(StructuredRule.Extraction), out var denied));
        Assert.Contains(denied.Errors, e => e.Rule == StructuredRule.NotAllowed && e.Message.Contains("Extraction", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_StrictJsonWithADuplicateKey_GoesThroughTheLenientPathAndSaysSo()
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"n":{"type":"integer"}}}""");

        Assert.True(StructuredParser.TryParse("""{"n": 1, "n": 2}""", schema, out var result));

        Assert.Equal(2, result.Value!["n"]!.GetValue<int>());
        Assert.Contains(result.Repairs, r => r.Rule == StructuredRule.DuplicateKey);
    }

    [Theory]
    [InlineData("{\"n\": 1, \"s\": \"x\uD800\"}")]
    [InlineData("```json\n{\"n\": 1, \"s\": \"\uDC00\"}\n```")]
    public void TryParse_StrictJsonWithALoneSurrogate_DoesNotThrow(string text)
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"n":{"type":"integer"},"s":{"type":"string"}}}""");

        var ok = StructuredParser.TryParse(text, schema, out var result);

        Assert.True(ok, string.Join("; ", result.Errors));
        Assert.Equal(1, result.Value!["n"]!.GetValue<int>());
    }

    private static bool IsStrictJson(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] is not '{' and not '[')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
