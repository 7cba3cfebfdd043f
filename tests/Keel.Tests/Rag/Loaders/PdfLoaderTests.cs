using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Keel.Tests;

public sealed class PdfLoaderTests
{
    private const double Left = 72;
    private const double Top = 770;
    private const double BodySize = 11;
    private const double LineHeight = 14;

    private readonly PdfLoader _loader = new();

    [Fact]
    public void Load_MultiPagePdf_ParagraphBlocksWithPagesAndHeadings()
    {
        var bytes = BuildPdf(
            [
                new PdfLine(20, "Introduction", Gap: 20),
                new PdfLine(BodySize, "Keel loads documents and cuts them into"),
                new PdfLine(BodySize, "chunks that carry citations.", Gap: 24),
                new PdfLine(BodySize, "A second paragraph starts after a larger"),
                new PdfLine(BodySize, "gap than the line spacing."),
            ],
            [
                new PdfLine(16, "Details", Gap: 20),
                new PdfLine(BodySize, "Page two body text is here."),
            ]);

        var document = LoaderInput.Load(_loader, bytes, "manual.pdf");

        Assert.Equal(
            [
                "Introduction",
                "Keel loads documents and cuts them into\nchunks that carry citations.",
                "A second paragraph starts after a larger\ngap than the line spacing.",
                "Details",
                "Page two body text is here.",
            ],
            document.BlockTexts());
        Assert.Equal([1, 1, 1, 2, 2], document.Blocks.Select(block => block.Page ?? 0));
        Assert.Equal(["Introduction"], document.Blocks[0].HeadingPath);
        Assert.Equal(["Introduction"], document.Blocks[2].HeadingPath);
        Assert.Equal(["Introduction", "Details"], document.Blocks[3].HeadingPath);
        Assert.Equal(["Introduction", "Details"], document.Blocks[4].HeadingPath);
    }

    [Fact]
    public void Load_TwoColumns_ReadsColumnByColumn()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        for (var i = 0; i < 4; i++)
        {
            page.AddText($"Left column line {i} of text", 10, new PdfPoint(50, Top - (i * 12)), font);
            page.AddText($"Right column line {i} of text", 10, new PdfPoint(320, Top - (i * 12)), font);
        }

        var document = LoaderInput.Load(_loader, builder.Build(), "columns.pdf");

        Assert.Equal(
            [
                "Left column line 0 of text\nLeft column line 1 of text\nLeft column line 2 of text\nLeft column line 3 of text",
                "Right column line 0 of text\nRight column line 1 of text\nRight column line 2 of text\nRight column line 3 of text",
            ],
            document.BlockTexts());
    }

    [Fact]
    public void Load_PagesWithoutText_ReturnEmptyDocument()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4);
        builder.AddPage(PageSize.A4);

        var document = LoaderInput.Load(_loader, builder.Build(), "scan.pdf");

        Assert.Empty(document.Blocks);
    }

    [Fact]
    public void Load_RandomBytesWithPdfHeader_ThrowsDocumentLoadExceptionWithPath()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(junk).ToArray();

        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, bytes, "inbox/invoice.pdf"));

        Assert.StartsWith("inbox/invoice.pdf: not a readable PDF (", error.Message, StringComparison.Ordinal);
        Assert.Contains("Re-export", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void Load_TruncatedPdf_ThrowsDocumentLoadExceptionWithPath(double keep)
    {
        var bytes = BuildPdf([new PdfLine(BodySize, "Some text that will be cut off.")]);

        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, bytes[..(int)(bytes.Length * keep)], "cut.pdf"));

        Assert.StartsWith("cut.pdf: not a readable PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAPdfAtAll_ThrowsDocumentLoadException()
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, "<html>not a pdf</html>"u8.ToArray(), "page.pdf"));

        Assert.Contains("page.pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_ReturnsEmptyDocument()
    {
        var document = LoaderInput.Load(_loader, [], "empty.pdf");

        Assert.Empty(document.Blocks);
    }

    private static byte[] BuildPdf(params PdfLine[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = Top;
            foreach (var line in lines)
            {
                page.AddText(line.Text, line.Size, new PdfPoint(Left, y), line.Size > BodySize ? bold : regular);
                y -= LineHeight + line.Gap;
            }
        }

        return builder.Build();
    }

    private sealed record PdfLine(double Size, string Text, double Gap = 0);
}
