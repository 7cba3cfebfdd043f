using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Keel;

/// <summary>Walks a Word document body: paragraphs become blocks or headings, table rows become blocks.</summary>
internal sealed class DocxWalker(LoadedDocumentBuilder builder, MainDocumentPart mainPart)
{
    private readonly DocxStyles _styles = new(mainPart);
    private readonly DocxNumbering _numbering = new(mainPart);

    /// <summary>Adds the blocks under <paramref name="element"/> to the builder.</summary>
    public void Visit(OpenXmlElement element)
    {
        switch (element)
        {
            case Paragraph paragraph:
                AddParagraph(paragraph);
                break;
            case Table table:
                AddTable(table);
                break;
            case SectionProperties or SdtProperties or SdtEndCharProperties:
                break;
            default:
                foreach (var child in element.ChildElements)
                {
                    Visit(child);
                }

                break;
        }
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                default:
                    break;
            }
        }

        return BlockText.CollapseLines(text.ToString());
    }

    private static IEnumerable<TableCell> Cells(OpenXmlElement row)
    {
        foreach (var child in row.ChildElements)
        {
            if (child is TableCell cell)
            {
                yield return cell;
            }
            else if (child is not TableRowProperties and not TablePropertyExceptions)
            {
                foreach (var nested in Cells(child))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(' ', cell.Descendants<Paragraph>().Select(ParagraphText));

    private static bool IsHeaderRow(TableRow row)
    {
        if (row.TableRowProperties?.GetFirstChild<TableHeader>() is { } header)
        {
            return header.Val?.Value != OnOffOnlyValues.Off;
        }

        var runs = row.Descendants<Run>().Where(run => run.Elements<Text>().Any(t => !string.IsNullOrWhiteSpace(t.Text))).ToList();
        return runs.Count > 0 && runs.All(run => run.RunProperties?.Bold is { } bold && (bold.Val is null || bold.Val.Value));
    }

    private void AddParagraph(Paragraph paragraph)
    {
        var text = ParagraphText(paragraph);
        if (text.Length == 0)
        {
            return;
        }

        if (_styles.HeadingLevel(paragraph) is { } level)
        {
            builder.AddHeading(level, text);
            return;
        }

        builder.AddBlock(_numbering.NextMarker(_styles.Numbering(paragraph)) + text);
    }

    private void AddTable(Table table)
    {
        var rows = table.Elements<TableRow>().ToList();
        IReadOnlyList<string>? header = null;
        if (rows.Count > 1 && IsHeaderRow(rows[0]))
        {
            header = Cells(rows[0]).Select(CellText).ToArray();
            rows.RemoveAt(0);
        }

        var preamble = header is null ? null : TableRows.Preamble(header);
        foreach (var row in rows)
        {
            builder.AddBlock(TableRows.Format(header, Cells(row).Select(CellText).ToArray()), preamble: preamble);
        }
    }
}
