using System.Text;

namespace Keel.Tests;

public sealed class CsvLoaderTests
{
    private readonly CsvLoader _loader = new();

    [Fact]
    public void Load_QuotedFieldsWithCommasQuotesAndNewlines_OneBlockPerRow()
    {
        const string csv = "name,address,note\n"
            + "Alice,\"12 Main St, Springfield\",\"said \"\"hi\"\"\"\n"
            + "Bob,\"Line one\nLine two\",plain\n";

        var document = LoaderInput.Load(_loader, csv, "people.csv");

        Assert.Equal(
            [
                "name: Alice; address: 12 Main St, Springfield; note: said \"hi\"",
                "name: Bob; address: Line one Line two; note: plain",
            ],
            document.BlockTexts());
        Assert.All(document.Blocks, block => Assert.Equal("name | address | note", block.Preamble));
        Assert.All(document.Blocks, block => Assert.Empty(block.HeadingPath));
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
    }

    [Fact]
    public void Load_ByteOrderMarkAndCrLf_AreHandled()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,city\r\n1,Oslo\r\n2,Lima\r\n")).ToArray();

        var document = LoaderInput.Load(_loader, bytes, "cities.csv");

        Assert.Equal(["id: 1; city: Oslo", "id: 2; city: Lima"], document.BlockTexts());
        Assert.Equal("id | city", document.Blocks[0].Preamble);
    }

    [Fact]
    public void Load_Tsv_SplitsOnTabsOnly()
    {
        var document = LoaderInput.Load(_loader, "term\tdefinition\nCSV\tcomma, separated values\n", "glossary.tsv");

        Assert.Equal(["term: CSV; definition: comma, separated values"], document.BlockTexts());
    }

    [Fact]
    public void Load_SemicolonSeparatedCsv_DetectsSeparator()
    {
        var document = LoaderInput.Load(_loader, "product;price\nTea;3,50\n", "prices.csv");

        Assert.Equal(["product: Tea; price: 3,50"], document.BlockTexts());
    }

    [Fact]
    public void Load_RaggedAndBlankRows_AreTolerated()
    {
        const string csv = "a,b,\n1\n\n2,,x\n3,4,5,6\n";

        var document = LoaderInput.Load(_loader, csv, "ragged.csv");

        Assert.Equal(["a: 1", "a: 2; Column 3: x", "a: 3; b: 4; Column 3: 5; Column 4: 6"], document.BlockTexts());
        Assert.Equal("a | b | Column 3", document.Blocks[0].Preamble);
    }

    [Fact]
    public void Load_HeaderOnly_GivesOneBlockWithColumnNames()
    {
        var document = LoaderInput.Load(_loader, "id,name,email\n", "schema.csv");

        var block = Assert.Single(document.Blocks);
        Assert.Equal("id | name | email", document.Text);
        Assert.Null(block.Preamble);
    }

    [Fact]
    public void Load_UnterminatedQuote_ThrowsWithPath()
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, "a,b\n1,\"open\n2,3\n", "data/broken.csv"));

        Assert.Contains("data/broken.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BinaryContent_Throws()
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "sheet.csv"));

        Assert.Contains("sheet.csv", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void Load_EmptyFile_ReturnsEmptyDocument(string csv)
    {
        var document = LoaderInput.Load(_loader, csv, "empty.csv");

        Assert.Empty(document.Blocks);
        Assert.Equal(string.Empty, document.Text);
    }
}
