using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Keel.Tests;

public sealed class DocxLoaderTests
{
    private readonly DocxLoader _loader = new();

    [Fact]
    public void Load_HeadingStyles_BuildHeadingPath()
    {
        var bytes = BuildDocx(body => body.Append(
            StyledParagraph("Title", "Handbook"),
            StyledParagraph("Heading1", "Onboarding"),
            Paragraph("Welcome aboard."),
            StyledParagraph("Heading2", "Accounts"),
            Paragraph("Ask IT for a laptop."),
            StyledParagraph("Heading1", "Leave"),
            Paragraph("Book it early.")));

        var document = LoaderInput.Load(_loader, bytes, "handbook.docx");

        Assert.Equal(["Handbook", "Onboarding", "Welcome aboard.", "Accounts", "Ask IT for a laptop.", "Leave", "Book it early."], document.BlockTexts());
        Assert.Equal(["Handbook", "Onboarding"], document.BlockWithText("Welcome aboard.").HeadingPath);
        Assert.Equal(["Handbook", "Onboarding", "Accounts"], document.BlockWithText("Accounts").HeadingPath);
        Assert.Equal(["Handbook", "Onboarding", "Accounts"], document.BlockWithText("Ask IT for a laptop.").HeadingPath);
        Assert.Equal(["Handbook", "Leave"], document.BlockWithText("Book it early.").HeadingPath);
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
    }

    [Fact]
    public void Load_LocalisedStyleIdsAndOutlineLevels_ResolveByNameAndLevel()
    {
        var bytes = BuildDocx(
            body => body.Append(
                StyledParagraph("berschrift1", "Kapitel"),
                StyledParagraph("MyHeading", "Abschnitt"),
                new Paragraph(new ParagraphProperties(new OutlineLevel { Val = 2 }), new Run(new Text("Unterabschnitt"))),
                Paragraph("Text.")),
            new Style(new StyleName { Val = "heading 1" }) { StyleId = "berschrift1", Type = StyleValues.Paragraph },
            new Style(new StyleName { Val = "My heading" }, new BasedOn { Val = "Custom2" }) { StyleId = "MyHeading", Type = StyleValues.Paragraph },
            new Style(new StyleName { Val = "Custom 2" }, new StyleParagraphProperties(new OutlineLevel { Val = 1 })) { StyleId = "Custom2", Type = StyleValues.Paragraph });

        var document = LoaderInput.Load(_loader, bytes, "kapitel.docx");

        Assert.Equal(["Kapitel", "Abschnitt", "Unterabschnitt"], document.BlockWithText("Text.").HeadingPath);
    }

    [Fact]
    public void Load_RunsBreaksAndTabs_JoinIntoParagraphText()
    {
        var bytes = BuildDocx(body => body.Append(
            new Paragraph(
                new Run(new Text("Hello ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new RunProperties(new Bold()), new Text("bold")),
                new Run(new TabChar(), new Text("world")),
                new Run(new Break(), new Text("next line")),
                new Run(new DeletedText("removed"))),
            new Paragraph(),
            Paragraph("   ")));

        var document = LoaderInput.Load(_loader, bytes, "runs.docx");

        Assert.Equal(["Hello bold world\nnext line"], document.BlockTexts());
    }

    [Fact]
    public void Load_Table_OneBlockPerRowWithHeaderPreamble()
    {
        var bytes = BuildDocx(body => body.Append(
            StyledParagraph("Heading1", "Contacts"),
            new Table(
                new TableRow(new TableRowProperties(new TableHeader()), Cell("Name"), Cell("Role")),
                new TableRow(Cell("Ann"), Cell("Admin")),
                new TableRow(Cell("Bo"), Cell(""))),
            new Table(new TableRow(Cell("Key"), Cell("Value")), new TableRow(Cell("Port"), Cell("8080")))));

        var document = LoaderInput.Load(_loader, bytes, "contacts.docx");

        Assert.Equal(["Contacts", "Name: Ann; Role: Admin", "Name: Bo", "Key | Value", "Port | 8080"], document.BlockTexts());
        Assert.Equal("Name | Role", document.BlockWithText("Name: Ann; Role: Admin").Preamble);
        Assert.Equal(["Contacts"], document.BlockWithText("Name: Bo").HeadingPath);
        Assert.Null(document.BlockWithText("Port | 8080").Preamble);
    }

    [Fact]
    public void Load_ListParagraphs_GetBulletAndNumberMarkers()
    {
        var bytes = BuildDocx(
            body => body.Append(
                ListParagraph(1, 0, "Milk"),
                ListParagraph(1, 0, "Eggs"),
                ListParagraph(2, 0, "Preheat"),
                ListParagraph(2, 1, "Check the dial"),
                ListParagraph(2, 0, "Bake")),
            numbering: new Numbering(
                new AbstractNum(Level(0, NumberFormatValues.Bullet)) { AbstractNumberId = 10 },
                new AbstractNum(Level(0, NumberFormatValues.Decimal), Level(1, NumberFormatValues.LowerLetter)) { AbstractNumberId = 20 },
                new NumberingInstance(new AbstractNumId { Val = 10 }) { NumberID = 1 },
                new NumberingInstance(new AbstractNumId { Val = 20 }) { NumberID = 2 }));

        var document = LoaderInput.Load(_loader, bytes, "list.docx");

        Assert.Equal(["- Milk", "- Eggs", "1. Preheat", "1. Check the dial", "2. Bake"], document.BlockTexts());
    }

    [Fact]
    public void Load_ContentControl_IsReadThrough()
    {
        var bytes = BuildDocx(body => body.Append(new SdtBlock(new SdtProperties(), new SdtContentBlock(Paragraph("Inside control.")))));

        var document = LoaderInput.Load(_loader, bytes, "sdt.docx");

        Assert.Equal(["Inside control."], document.BlockTexts());
    }

    [Fact]
    public void Load_EmptyBody_ReturnsEmptyDocument()
    {
        var document = LoaderInput.Load(_loader, BuildDocx(_ => { }), "empty.docx");

        Assert.Empty(document.Blocks);
        Assert.Equal(string.Empty, document.Text);
    }

    public static TheoryData<string, byte[]> CorruptFiles() => new()
    {
        { "text", "this is not a zip file"u8.ToArray() },
        { "zip header then junk", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "zip without Word parts", ZipWithOneEntry() },
        { "truncated docx", BuildDocx(body => body.Append(Paragraph("Some text")))[..200] },
        { "malformed document.xml", WithDocumentXml(BuildDocx(body => body.Append(Paragraph("Some text"))), "<w:document><w:body><w:p>") },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Load_CorruptFile_ThrowsDocumentLoadExceptionWithPath(string kind, byte[] bytes)
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, bytes, "reports/q3.docx"));

        Assert.StartsWith("reports/q3.docx: not a readable Word document", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(kind));
    }

    private static byte[] BuildDocx(Action<Body> fill, params Style[] styles) => BuildDocx(fill, null, styles);

    private static byte[] BuildDocx(Action<Body> fill, Numbering? numbering, params Style[] styles)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var mainPart = document.AddMainDocumentPart();
            var body = new Body();
            fill(body);
            mainPart.Document = new Document(body);
            if (styles.Length > 0)
            {
                mainPart.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(styles.Cast<OpenXmlElement>());
            }

            if (numbering is not null)
            {
                mainPart.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering;
            }
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text) =>
        new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text)));

    private static Paragraph ListParagraph(int numberingId, int level, string text) =>
        new(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numberingId })),
            new Run(new Text(text)));

    private static Level Level(int index, NumberFormatValues format) =>
        new(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }) { LevelIndex = index };

    private static TableCell Cell(string text) => new(Paragraph(text));

    private static byte[] WithDocumentXml(byte[] docx, string xml)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var entry = zip.CreateEntry("word/document.xml").Open();
            entry.Write(System.Text.Encoding.UTF8.GetBytes(xml));
        }

        return stream.ToArray();
    }

    private static byte[] ZipWithOneEntry()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("readme.txt").Open();
            entry.Write("hello"u8);
        }

        return stream.ToArray();
    }
}
