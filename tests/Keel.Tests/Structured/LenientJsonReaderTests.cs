using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>
/// The lenient reader's two passes (strict JSON written and parsed by System.Text.Json, or a JsonNode tree) read the
/// same value with the same repairs, and its repairs, kept as small records, read as the diagnostics they stand for.
/// </summary>
public sealed class LenientJsonReaderTests
{
    private static readonly StructuredSchema People = StructuredSchema.FromJson("""
        {"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},"n":{"type":"integer"}},"required":["name","tags","n"],"additionalProperties":false}}
        """);

    [Fact]
    public void TryRead_EveryCorpusTextAndMutation_SameValueAndRepairsAsTheTree()
    {
        var texts = GeneratedCorpus.Cases.Select(c => c.Input).Concat(StructuredCorpus.Cases.Select(c => c.Input)).ToList();
        var random = new Random(5);
        foreach (var text in texts.ToList())
        {
            var chars = text.ToCharArray();
            chars[random.Next(chars.Length)] = "{}[]:,\"' \n/#`\\"[random.Next(14)];
            texts.Add(new string(chars));
            for (var length = random.Next(1, 8); length < text.Length; length += random.Next(1, Math.Max(2, text.Length / 8)))
            {
                texts.Add(text[..length]);
            }
        }

        var (written, cutWritten) = (0, 0);
        foreach (var text in texts)
        {
            for (var start = text.IndexOfAny(['{', '[']); start >= 0; start = text.IndexOfAny(['{', '['], start + 1))
            {
                var read = LenientJsonReader.TryRead(text, start);
                var tree = LenientJsonReader.TryBuild(text, start, text.Length);
                Assert.Equal(tree is null, read is null);
                if (read is null || tree is null)
                {
                    continue;
                }

                written += read.Element is null ? 0 : 1;
                cutWritten += read.Element is not null && read.CutDepth > 0 ? 1 : 0;
                Assert.True(JsonNode.DeepEquals(tree.Value, read.Value), $"{JsonSerializer.Serialize(text)} at {start}: {tree.Value?.ToJsonString()} != {read.Value?.ToJsonString()}");
                Assert.Equal(tree.End, read.End);
                Assert.Equal(tree.CutDepth, read.CutDepth);
                Assert.Equal(tree.Incomplete.Select(n => n.GetPath()), read.Incomplete.Select(n => n.GetPath()));
                Assert.Equal(tree.Repairs.Select(r => r.ToString()), read.Repairs.Select(r => r.ToString()));
            }
        }

        Assert.True(written > 500, $"only {written} values took the written pass");
        Assert.True(cutWritten > 4000, $"only {cutWritten} cut-off values took the written pass");
    }

    [Fact]
    public void TryParse_SingleQuotedDocument_EveryRepairWithItsOwnPath()
    {
        var text = Document(300).Replace('"', '\'');

        Assert.True(StructuredParser.TryParse(text, People, out var result));

        // Per item: three keys and the name, two tags; each a repair of its own.
        Assert.Equal(300 * 6, result.Repairs.Count);
        Assert.All(result.Repairs, r => Assert.Equal(StructuredRule.SingleQuotes, r.Rule));
        Assert.Equal(("$[7]", "'", "\""), (result.Repairs[42].Path, result.Repairs[42].Before, result.Repairs[42].After));
        Assert.Equal("$[7].name", result.Repairs[43].Path);
        Assert.Equal("$[7].tags[1]", result.Repairs[46].Path);
        Assert.Equal("$[7]", result.Repairs[47].Path);
        Assert.Equal(result.Repairs, result.Repairs.ToList());
        Assert.Same(result.Repairs[1000], result.Repairs[1000]);
    }

    [Fact]
    public void TryParse_BareKeysAndTrailingCommas_ReadAsTheDiagnosticsTheyStandFor()
    {
        Assert.True(StructuredParser.TryParse("[{name: \"a\", tags: [\"x\",], n: 1,},\n{\"name\": \"b\" \"tags\": [], \"n\": 2,,}]", People, out var result));

        Assert.Equal(
            [
                "$[0].name: UnquotedKey: quoted a bare key (name → \"name\")",
                "$[0].tags: UnquotedKey: quoted a bare key (tags → \"tags\")",
                "$[0].tags: TrailingComma: removed a trailing comma (, → ∅)",
                "$[0].n: UnquotedKey: quoted a bare key (n → \"n\")",
                "$[0]: TrailingComma: removed a trailing comma (, → ∅)",
                "$[1]: MissingComma: inserted a missing comma (∅ → ,)",
                "$[1]: TrailingComma: removed a doubled comma (,, → ,)",
            ],
            result.Repairs.Select(r => r.ToString()));
    }

    [Fact]
    public void TryParse_PolicyDeniesSingleQuotes_AnErrorForEachOccurrence()
    {
        var text = Document(20).Replace('"', '\'');

        Assert.False(StructuredParser.TryParse(text, People, StructuredPolicy.Lenient.Deny(StructuredRule.SingleQuotes), out var result));

        Assert.Equal(20 * 6, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(StructuredRule.NotAllowed, e.Rule));
        Assert.Equal("$[3].tags[0]", result.Errors[(3 * 6) + 3].Path);
    }

    [Fact]
    public void TryParse_LargeMalformedDocument_AllocatesAboutWhatTheParsedValueTakes()
    {
        var valid = Document(3000);
        var malformed = valid.Replace('"', '\'');
        StructuredParser.TryParse(malformed, People, out _);
        using (JsonDocument.Parse(valid))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var element = JsonElement.Parse(valid);
        var document = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(StructuredParser.TryParse(malformed, People, out var result));
        var keel = GC.GetAllocatedBytesForCurrentThread() - before;

        // Eager diagnostics (a record, a path string and two strings per repair) took over 6× the document; the records take under 1×.
        Assert.Equal(element.GetArrayLength(), result.Value!.AsArray().Count);
        Assert.True(keel < 3 * document, $"Keel allocated {keel / 1024} KB for a document System.Text.Json holds in {document / 1024} KB");
    }

    [Fact]
    public void TryParse_LargeDocumentNeedingOneCoercion_BuildsNodesOnlyAlongThePathToIt()
    {
        var valid = Document(3000);
        var oneFix = valid.Replace("\"n\": 1500}", "\"n\": \"1500\"}", StringComparison.Ordinal);
        StructuredParser.TryParse(oneFix, People, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var element = JsonElement.Parse(valid);
        var document = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(StructuredParser.TryParse(oneFix, People, out var result));
        var keel = GC.GetAllocatedBytesForCurrentThread() - before;

        // Coercing through the materialised view built a node for every value: over 8× the document.
        Assert.Equal("$[1500].n", Assert.Single(result.Repairs).Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(valid), result.Value));
        Assert.True(keel < 4 * document, $"Keel allocated {keel / 1024} KB for a document System.Text.Json holds in {document / 1024} KB");
    }

    private static string Document(int items)
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < items; i++)
        {
            text.Append("  {\"name\": \"P").Append(i).Append("\", \"tags\": [\"vip\", \"new\"], \"n\": ").Append(i).Append(i < items - 1 ? "},\n" : "}\n");
        }

        return text.Append(']').ToString();
    }
}
