namespace Keel.Tests.Rag.Search;

/// <summary>Hybrid search finds what only one side finds; filters restrict both sides.</summary>
public sealed class HybridSearchTests : IClassFixture<HybridSearchTests.Indexed>
{
    private const string Query = "When should the automobile get new rubber?";
    private readonly KeelFixture _keel;

    public HybridSearchTests(Indexed indexed) => _keel = indexed.Keel;

    [Fact]
    public async Task Search_Hybrid_ReturnsWhatOnlyVectorsFindAndWhatOnlyBm25Finds()
    {
        var lexical = await SourcesAsync(RetrievalMode.Lexical);
        var vector = await SourcesAsync(RetrievalMode.Vector);
        var hybrid = await SourcesAsync(RetrievalMode.Hybrid);

        // The tyre note answers the question in other words; the debugging note shares a word ("rubber") and
        // nothing of its meaning, so the embedding puts it under search.min_similarity.
        Assert.DoesNotContain("docs/tyres.md", lexical);
        Assert.Contains("docs/tyres.md", vector);
        Assert.Contains("docs/debugging.txt", lexical);
        Assert.DoesNotContain("docs/debugging.txt", vector);
        Assert.Contains("docs/tyres.md", hybrid);
        Assert.Contains("docs/debugging.txt", hybrid);
    }

    [Fact]
    public async Task Search_DefaultMode_IsHybrid()
    {
        var hits = await _keel.Index.SearchAsync(Query, new SearchOptions { Top = 10 });

        Assert.Equal(await SourcesAsync(RetrievalMode.Hybrid), hits.Select(h => h.Source).ToList());
    }

    [Theory]
    [InlineData(RetrievalMode.Lexical)]
    [InlineData(RetrievalMode.Vector)]
    [InlineData(RetrievalMode.Hybrid)]
    public async Task Search_FilterByType_OnlyReturnsThatType(RetrievalMode mode)
    {
        var hits = await _keel.Index.SearchAsync("winter driving tyres", new SearchOptions { Mode = mode, Top = 10, Filter = new SearchFilter { DocumentTypes = ["text"] } });

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("text", h.DocumentType));
    }

    [Fact]
    public async Task Search_FilterBySourceGlob_OnlyReturnsMatchingPaths()
    {
        var hits = await _keel.Index.SearchAsync("tyres winter", new SearchOptions { Top = 10, Filter = new SearchFilter { Sources = ["archive/**"] } });

        Assert.Equal(["archive/2019/tyres-old.md"], hits.Select(h => h.Source).Distinct());
    }

    [Fact]
    public async Task Search_FilterByTag_OnlyReturnsDocumentsIngestedWithIt()
    {
        var tagged = await _keel.Index.SearchAsync("tyres", new SearchOptions { Top = 10, Filter = new SearchFilter { Tags = new Dictionary<string, string> { ["team"] = "fleet" } } });
        var none = await _keel.Index.SearchAsync("tyres", new SearchOptions { Top = 10, Filter = new SearchFilter { Tags = new Dictionary<string, string> { ["team"] = "finance" } } });

        Assert.Equal(["archive/2019/tyres-old.md"], tagged.Select(h => h.Source).Distinct());
        Assert.Empty(none);
    }

    private async Task<List<string>> SourcesAsync(RetrievalMode mode) =>
        [.. (await _keel.Index.SearchAsync(Query, new SearchOptions { Mode = mode, Top = 10 })).Select(h => h.Source)];

    /// <summary>A small corpus indexed once for the class.</summary>
    public sealed class Indexed : IAsyncLifetime
    {
        internal KeelFixture Keel { get; } = new();

        public async ValueTask InitializeAsync()
        {
            Keel.Directory.File("docs/tyres.md", "# Fleet maintenance\n\nFit fresh tyres to each car every forty thousand kilometres.\n");
            Keel.Directory.File("docs/debugging.txt", "Rubber duck debugging: explain your code to a toy.\n");
            Keel.Directory.File("docs/lunch.txt", "The library opens at nine on weekdays.\n");
            Keel.Directory.File("docs/winter.txt", "Winter driving: fit snow tyres and check the wheels for wear.\n");
            Keel.Directory.File("archive/2019/tyres-old.md", "# Old fleet notes\n\nIn 2019 the tyres were changed every winter.\n");
            await Keel.Index.IngestAsync(["docs"]);
            await Keel.Index.IngestAsync(["archive"], new IngestOptions { Tags = new Dictionary<string, string> { ["team"] = "fleet" } });
        }

        public ValueTask DisposeAsync()
        {
            Keel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
