namespace Keel.Tests;

public sealed class DocumentLoaderRegistryTests
{
    private readonly DocumentLoaderRegistry _registry = new();

    [Theory]
    [InlineData("docs/readme.md", typeof(MarkdownLoader))]
    [InlineData("NOTES.MARKDOWN", typeof(MarkdownLoader))]
    [InlineData("site/Index.HTML", typeof(HtmlLoader))]
    [InlineData("page.htm", typeof(HtmlLoader))]
    [InlineData("paper.Pdf", typeof(PdfLoader))]
    [InlineData("spec.docx", typeof(DocxLoader))]
    [InlineData("data.csv", typeof(CsvLoader))]
    [InlineData("data.TSV", typeof(CsvLoader))]
    [InlineData("a.b/notes.txt", typeof(PlainTextLoader))]
    [InlineData("notes.text", typeof(PlainTextLoader))]
    public void TryGetLoader_KnownExtension_ReturnsLoaderCaseInsensitively(string path, Type expected)
    {
        Assert.True(_registry.TryGetLoader(path, out var loader));
        Assert.IsType(expected, loader);
    }

    [Theory]
    [InlineData("archive.zip")]
    [InlineData("Makefile")]
    [InlineData("trailing-dot.")]
    [InlineData("old.doc")]
    public void TryGetLoader_UnknownOrMissingExtension_ReturnsFalse(string path)
    {
        Assert.False(_registry.TryGetLoader(path, out var loader));
        Assert.Null(loader);
    }

    [Fact]
    public void SupportedExtensions_Default_ListsEveryBuiltInExtension()
    {
        Assert.Equal(
            [".csv", ".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".text", ".tsv", ".txt"],
            _registry.SupportedExtensions);
    }

    [Fact]
    public void Constructor_DuplicateExtension_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentLoaderRegistry([new PlainTextLoader(), new FakeDocumentLoader(".TXT")]));

        Assert.Contains(".TXT", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(PlainTextLoader), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExtensionWithoutDot_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DocumentLoaderRegistry([new FakeDocumentLoader("rst")]));
    }

    [Fact]
    public void Constructor_CustomLoader_IsUsed()
    {
        var fake = new FakeDocumentLoader(".rst");
        var registry = new DocumentLoaderRegistry([fake]);

        Assert.True(registry.TryGetLoader("index.RST", out var loader));
        Assert.Same(fake, loader);
        Assert.Equal([".rst"], registry.SupportedExtensions);
    }

    [Theory]
    [InlineData("empty.md")]
    [InlineData("empty.html")]
    [InlineData("empty.pdf")]
    [InlineData("empty.docx")]
    [InlineData("empty.csv")]
    [InlineData("empty.txt")]
    public void Load_EmptyFile_EveryLoaderReturnsEmptyDocument(string path)
    {
        Assert.True(_registry.TryGetLoader(path, out var loader));

        var document = LoaderInput.Load(loader, [], path);

        Assert.Equal(string.Empty, document.Text);
        Assert.Empty(document.Blocks);
    }
}
