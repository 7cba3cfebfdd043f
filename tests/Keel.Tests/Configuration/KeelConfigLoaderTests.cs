namespace Keel.Tests.Configuration;

public sealed class KeelConfigLoaderTests
{
    [Fact]
    public void Load_NoFile_ReturnsDefaults()
    {
        using var directory = new TempDirectory();

        var config = KeelConfigLoader.Load(null, directory.Path);

        Assert.Equal(".keel/keel.db", config.Store.Path);
        Assert.Equal(512, config.Ingest.ChunkTokens);
        Assert.Equal(1.2, config.Search.K1);
    }

    [Fact]
    public void Load_FileInWorkingDirectory_IsRead()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(System.IO.Path.Combine(directory.Path, "keel.yaml"), "ingest:\n  chunk_tokens: 256\n  exclude: \"**/drafts/**\"\nsearch:\n  k1: 0.9\n  b: 0.4\n");

        var config = KeelConfigLoader.Load(null, directory.Path);

        Assert.Equal(256, config.Ingest.ChunkTokens);
        Assert.Equal(["**/drafts/**"], config.Ingest.Exclude);
        Assert.Equal(0.9, config.Search.K1);
        Assert.Equal(0.4, config.Search.B);
        Assert.Equal(64, config.Ingest.ChunkOverlap);
    }

    [Fact]
    public void Load_ExplicitPathMissing_Throws()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Load("nope.yaml", directory.Path));

        Assert.Contains("nope.yaml: configuration file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_NamesFileLineColumnAndExpectedKeys()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("search:\n  k1: 1.0\n  top: 3\n", "keel.yaml"));

        Assert.Equal("keel.yaml:3:3: search.top: unknown key 'top'; expected one of: mode, k1, b, top_k, fusion, convex_alpha, rrf_k, lexical_weight, vector_weight, min_similarity, fusion_depth, rerank", error.Message);
    }

    [Fact]
    public void Parse_UnknownSection_Throws()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("stores:\n  path: x\n", "keel.yaml"));

        Assert.StartsWith("keel.yaml:1:1: stores: unknown key 'stores'; expected one of: store, ingest, search, embeddings, ask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongType_SaysWhatWasExpected()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("ingest:\n  chunk_tokens: lots\n", "keel.yaml"));

        Assert.Equal("keel.yaml:2:17: ingest.chunk_tokens: expected a whole number, got 'lots'", error.Message);
    }

    [Fact]
    public void Parse_OutOfRange_SaysTheRange()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("search:\n  b: 1.5\n", "keel.yaml"));

        Assert.Equal("keel.yaml:2:6: search.b: expected a value from 0 to 1, got '1.5'", error.Message);
    }

    [Fact]
    public void Parse_MappingWhereScalarExpected_Throws()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("store:\n  path:\n    nested: 1\n", "keel.yaml"));

        Assert.StartsWith("keel.yaml:3:5: store.path: expected a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsPosition()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("search:\n  k1: [1, 2\n", "keel.yaml"));

        Assert.Matches(@"^keel\.yaml:\d+:\d+: not valid YAML", error.Message);
    }

    [Fact]
    public void Parse_EmptyFile_ReturnsDefaults()
    {
        var config = KeelConfigLoader.Parse("", "keel.yaml");

        Assert.Equal(new KeelConfig().Store, config.Store);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1.5h", 5_400_000)]
    public void DurationParser_Units_AreRead(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("ChunkTokens", "chunk_tokens")]
    [InlineData("K1", "k1")]
    [InlineData("TopK", "top_k")]
    [InlineData("MaxFileMegabytes", "max_file_megabytes")]
    public void ToSnakeCase_PropertyNames_MatchYamlKeys(string name, string key) => Assert.Equal(key, YamlBinder.ToSnakeCase(name));

    [Theory]
    [InlineData("embeddings:\n  model: nomic\n", "embeddings.model: 'nomic' is not 'local', 'none' or a model under models: (none configured)")]
    [InlineData("embeddings:\n  model: none\nsearch:\n  mode: hybrid\n", "search.mode: hybrid needs vectors, but embeddings.model is 'none'")]
    [InlineData("search:\n  rerank:\n    model: judge\n", "search.rerank.model: 'judge' is not a model or route in keel.yaml")]
    [InlineData("search:\n  mode: semantic\n", "search.mode: expected one of lexical, vector, hybrid, got 'semantic'")]
    [InlineData("models:\n  gpt:\n    provider: openai\n    model: gpt-4o-mini\nask:\n  model: gpt5\n", "keel.yaml: ask.model: 'gpt5' is not a model or route in keel.yaml (configured: gpt)")]
    public void Parse_InconsistentRetrievalSettings_SaysWhatIsWrong(string yaml, string expected)
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse(yaml, "keel.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RetrievalSettings_AreRead()
    {
        var config = KeelConfigLoader.Parse("search:\n  mode: vector\n  fusion: rrf\n  rrf_k: 20\n  vector_weight: 2\nembeddings:\n  max_tokens: 128\n", "keel.yaml");

        Assert.Equal(RetrievalMode.Vector, config.Search.Mode);
        Assert.Equal(FusionMethod.Rrf, config.Search.Fusion);
        Assert.Equal(20, config.Search.RrfK);
        Assert.Equal(2.0, config.Search.VectorWeight);
        Assert.Equal(128, config.Embeddings.MaxTokens);
        Assert.Null(new KeelConfig().Search.Mode); // unset: hybrid when embeddings are on
    }
}
