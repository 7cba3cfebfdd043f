using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>Every case of the public structured-output corpus: the right value, or a clear failure — never a wrong value.</summary>
public sealed class StructuredCorpusTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        if (StructuredCorpus.Cases.Count == 0)
        {
            data.Add("corpus-missing");
        }

        foreach (var c in StructuredCorpus.Cases)
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Fact]
    public void Corpus_IsPresent()
    {
        Assert.True(File.Exists(StructuredCorpus.CasesPath), $"The structured-output corpus is missing: expected {StructuredCorpus.CasesPath} (../shared/datasets/structured-outputs next to the repository).");
        Assert.True(StructuredCorpus.Cases.Count >= 38, $"Expected the whole corpus, found {StructuredCorpus.Cases.Count} cases.");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void TryParse_CorpusCase_GivesTheExpectedValueOrFails(string id)
    {
        Assert.True(File.Exists(StructuredCorpus.CasesPath), $"The structured-output corpus is missing: {StructuredCorpus.CasesPath}");
        var c = StructuredCorpus.Cases.Single(x => x.Id == id);
        var ok = StructuredParser.TryParse(c.Input, StructuredCorpus.Schema(c.Schema), out var result);

        if (c.Expect is null)
        {
            Assert.False(ok, $"{id} must fail but gave {result.Value?.ToJsonString()}");
            Assert.Null(result.Value);
            Assert.NotEmpty(result.Errors);
            return;
        }

        Assert.True(ok, $"{id} failed: {string.Join("; ", result.Errors)}");
        Assert.True(JsonAssert.Same(JsonNode.Parse(c.Expect), result.Value), $"{id}: expected {c.Expect}, got {result.Value?.ToJsonString()}");
    }
}
