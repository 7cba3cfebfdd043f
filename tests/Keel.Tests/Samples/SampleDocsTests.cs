using YamlDotNet.RepresentationModel;

namespace Keel.Tests.Samples;

/// <summary>The quick start's promise: every question in samples/docs-src/questions.yaml is answered from its one
/// right source with the expected fact, and every off-topic question is refused.</summary>
public sealed class SampleDocsTests : IClassFixture<SampleDocsTests.IndexedSamples>
{
    private readonly IndexedSamples _samples;

    public SampleDocsTests(IndexedSamples samples) => _samples = samples;

    public static TheoryData<string, string?, string?, string?> Questions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryPaths.Combine("samples", "docs-src", "questions.yaml"))));
        var data = new TheoryData<string, string?, string?, string?>();
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Value(string key) => entry.Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;
            data.Add(Value("question")!, Value("source"), Value("expect"), Value("known_gap"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Ask_SampleQuestion_AnswersFromTheRightSourceOrAbstains(string question, string? source, string? expect, string? knownGap)
    {
        if (knownGap is not null)
        {
            Assert.Skip("known gap: " + knownGap);
        }

        var answer = await _samples.Keel.Answerer.AskAsync(question);

        if (source is null)
        {
            Assert.True(answer.Abstained, $"expected a refusal, got: {answer.Text}");
            return;
        }

        Assert.False(answer.Abstained, $"expected an answer from {source}");
        Assert.Equal("samples/docs/" + source, answer.Citations[0].Source);
        Assert.Contains(answer.Citations, c => c.Source == "samples/docs/" + source && c.Text.ReplaceLineEndings(" ").Contains(expect!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_SampleDocs_ReadsEveryFileWithoutSkipping()
    {
        var again = await _samples.Keel.Index.IngestAsync(["samples/docs"]);

        Assert.Equal(14, again.FilesSeen);
        Assert.Empty(again.Skipped);
        Assert.Equal(14, again.Unchanged);
    }

    /// <summary>One index of samples/docs shared by the tests in this class.</summary>
    public sealed class IndexedSamples : IAsyncLifetime
    {
        internal KeelFixture Keel { get; } = new();

        public async ValueTask InitializeAsync()
        {
            // Copy the samples so stored paths read samples/docs/… as in the quick start.
            var target = Path.Combine(Keel.Directory.Path, "samples", "docs");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("samples", "docs")))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            var result = await Keel.Index.IngestAsync(["samples/docs"]);
            Assert.Empty(result.Skipped);
        }

        public ValueTask DisposeAsync()
        {
            Keel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
