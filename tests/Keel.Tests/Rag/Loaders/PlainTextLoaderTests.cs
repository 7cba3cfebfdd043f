using System.Text;

namespace Keel.Tests;

public sealed class PlainTextLoaderTests
{
    private readonly PlainTextLoader _loader = new();

    [Fact]
    public void Load_BlankLines_SplitParagraphsAndKeepLines()
    {
        var document = LoaderInput.Load(_loader, "First line\r\nsecond line   \r\n\r\n\r\n  Another paragraph.\n", "notes.txt");

        Assert.Equal(["First line\nsecond line", "Another paragraph."], document.BlockTexts());
        Assert.Equal("First line\nsecond line\n\nAnother paragraph.", document.Text);
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
    }

    [Fact]
    public void Load_UnderlinedAndCapitalHeadings_BuildHeadingPath()
    {
        const string text = """
            Guide
            =====

            Intro text.

            Setup
            -----
            Install it.

            TROUBLESHOOTING

            Restart it.
            """;

        var document = LoaderInput.Load(_loader, text, "guide.txt");

        Assert.Equal(["Guide", "Intro text.", "Setup", "Install it.", "TROUBLESHOOTING", "Restart it."], document.BlockTexts());
        Assert.Equal(["Guide"], document.BlockWithText("Guide").HeadingPath);
        Assert.Equal(["Guide"], document.BlockWithText("Intro text.").HeadingPath);
        Assert.Equal(["Guide", "Setup"], document.BlockWithText("Install it.").HeadingPath);
        Assert.Equal(["TROUBLESHOOTING"], document.BlockWithText("Restart it.").HeadingPath);
    }

    [Theory]
    [InlineData("WARNING: DO NOT RESTART.")]
    [InlineData("2024-01-01 12:00:00 OK")]
    [InlineData("Mixed Case Line")]
    public void Load_LineThatIsNotAHeading_StaysBodyText(string line)
    {
        var document = LoaderInput.Load(_loader, line + "\n\nNext.", "a.txt");

        Assert.Empty(document.Blocks[0].HeadingPath);
        Assert.Empty(document.Blocks[1].HeadingPath);
    }

    [Fact]
    public void Load_SeparatorLines_AreDropped()
    {
        var document = LoaderInput.Load(_loader, "One\n\n----------\n\nTwo\n****\n", "a.txt");

        Assert.Equal(["One", "Two"], document.BlockTexts());
    }

    [Fact]
    public void Load_NulBytes_ThrowsBinaryFileError()
    {
        var bytes = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 };

        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, bytes, "docs/setup.txt"));

        Assert.Contains("docs/setup.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidUtf8_ThrowsBinaryFileError()
    {
        var bytes = new byte[] { 0x43, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B };

        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, bytes, "latin1.txt"));

        Assert.Contains("latin1.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("byte 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Utf16WithByteOrderMark_DecodesText()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Café au lait\n\nSecond")).ToArray();

        var document = LoaderInput.Load(_loader, bytes, "utf16.txt");

        Assert.Equal(["Café au lait", "Second"], document.BlockTexts());
    }

    [Fact]
    public void Load_Utf8ByteOrderMark_IsNotPartOfText()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Hello")).ToArray();

        var document = LoaderInput.Load(_loader, bytes, "bom.txt");

        Assert.Equal("Hello", document.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n ")]
    public void Load_EmptyOrWhitespace_ReturnsEmptyDocument(string text)
    {
        var document = LoaderInput.Load(_loader, text, "empty.txt");

        Assert.Equal(string.Empty, document.Text);
        Assert.Empty(document.Blocks);
    }
}
