using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MakeBinaryDocs;

/// <summary>
/// Writes <see cref="DocxDoc"/> content as a WordprocessingML document with real
/// Title/Heading1/Heading2 paragraph styles (with outline levels) in a styles part.
/// </summary>
internal static class DocxWriter
{
    private const string MainContentType =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private static readonly DateTime FixedZipTime = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Local);

    public static byte[] Render(DocxDoc doc)
    {
        using var raw = new MemoryStream();
        using (var package = WordprocessingDocument.Create(raw, WordprocessingDocumentType.Document))
        {
            // Explicit relationship ids (instead of AddMainDocumentPart/PackageProperties,
            // which generate random ids and part names) keep the output byte-identical.
            var main = package.AddNewPart<MainDocumentPart>(MainContentType, "rIdMain");
            var core = package.AddNewPart<CoreFilePropertiesPart>("rIdCore");
            using (var writer = new StreamWriter(core.GetStream(FileMode.Create), new UTF8Encoding(false)))
            {
                writer.Write(CoreProperties(doc.Title));
            }

            var styles = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
            styles.Styles = BuildStyles();

            var body = new Body();
            foreach (var block in doc.Blocks)
            {
                switch (block)
                {
                    case TitleBlock t:
                        body.Append(StyledParagraph("Title", t.Text));
                        break;
                    case SubtitleBlock s:
                        body.Append(StyledParagraph("Subtitle", s.Text));
                        break;
                    case HeadingBlock h:
                        body.Append(StyledParagraph(h.Level == 1 ? "Heading1" : "Heading2", h.Text));
                        break;
                    case ParagraphBlock p:
                        body.Append(new Paragraph(new Run(new Text(p.Text) { Space = SpaceProcessingModeValues.Preserve })));
                        break;
                    case BulletBlock b:
                        body.Append(StyledParagraph("ListParagraph", b.Text));
                        break;
                    case TableBlock t:
                        body.Append(BuildTable(t));
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown block {block.GetType().Name}");
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1440U, Right = 1440U, Header = 708U, Footer = 708U, Gutter = 0U }));
            main.Document = new Document(body);
        }

        return Normalize(raw.ToArray());
    }

    private static string CoreProperties(string title) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <dc:title>{SecurityElement.Escape(title)}</dc:title>
          <dc:creator>Lumenfield Labs, Inc.</dc:creator>
          <dcterms:created xsi:type="dcterms:W3CDTF">2025-06-01T00:00:00Z</dcterms:created>
        </cp:coreProperties>
        """;

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(
            new ParagraphProperties(new ParagraphStyleId { Val = styleId }),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table BuildTable(TableBlock table)
    {
        var result = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = "0", Type = TableWidthUnitValues.Auto }));
        var grid = new TableGrid();
        foreach (var width in table.ColumnWidths)
        {
            grid.Append(new GridColumn { Width = $"{(int)(width * 20)}" });
        }

        result.Append(grid);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = new TableRow();
            foreach (var cellText in table.Rows[r])
            {
                var run = new Run(new Text(cellText) { Space = SpaceProcessingModeValues.Preserve });
                if (r == 0)
                {
                    run.PrependChild(new RunProperties(new Bold()));
                }

                row.Append(new TableCell(new Paragraph(run)));
            }

            result.Append(row);
        }

        return result;
    }

    private static Styles BuildStyles()
    {
        var normal = new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "160", Line = "264", LineRule = LineSpacingRuleValues.Auto }),
            new StyleRunProperties(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                new FontSize { Val = "22" }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };

        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(new Languages { Val = "en-US" })),
                new ParagraphPropertiesDefault()),
            normal,
            ParagraphStyle("Title", "Title", outlineLevel: null, sizeHalfPoints: 52, before: 0, after: 240),
            ParagraphStyle("Subtitle", "Subtitle", outlineLevel: null, sizeHalfPoints: 24, before: 0, after: 240, bold: false),
            ParagraphStyle("Heading1", "heading 1", outlineLevel: 0, sizeHalfPoints: 32, before: 360, after: 120),
            ParagraphStyle("Heading2", "heading 2", outlineLevel: 1, sizeHalfPoints: 26, before: 240, after: 80),
            new Style(
                new StyleName { Val = "List Paragraph" },
                new BasedOn { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new Indentation { Left = "720" }))
            { Type = StyleValues.Paragraph, StyleId = "ListParagraph" },
            new Style(
                new StyleName { Val = "Table Grid" },
                new BasedOn { Val = "TableNormal" },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U },
                    new RightBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    private static Style ParagraphStyle(
        string id, string name, int? outlineLevel, int sizeHalfPoints, int before, int after, bool bold = true)
    {
        var paragraphProps = new StyleParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = $"{before}", After = $"{after}" });
        if (outlineLevel is int level)
        {
            paragraphProps.Append(new OutlineLevel { Val = level });
        }

        var runProps = new StyleRunProperties(new RunFonts { Ascii = "Calibri Light", HighAnsi = "Calibri Light" });
        if (bold)
        {
            runProps.Append(new Bold());
        }

        runProps.Append(new Color { Val = "1F3864" }, new FontSize { Val = $"{sizeHalfPoints}" });

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraphProps,
            runProps)
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    /// <summary>Rewrites the zip with fixed entry timestamps so regenerated files are byte-identical.</summary>
    private static byte[] Normalize(byte[] docx)
    {
        using var input = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedZipTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
