using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace MakeBinaryDocs;

/// <summary>Lays out <see cref="PdfDoc"/> content on A4 pages with Helvetica, wrapping lines itself.</summary>
internal static class PdfWriter
{
    private const double Margin = 64;
    private const double TopY = 842 - 72;
    private const double BottomY = 80;
    private const double BodySize = 10.5;
    private const double BodyLeading = 15;
    private const double BulletIndent = 14;

    public static byte[] Render(PdfDoc doc)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = doc.Title;
        builder.DocumentInformation.Author = "Lumenfield Labs, Inc.";
        builder.DocumentInformation.Producer = "Keel samples MakeBinaryDocs";
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);

        for (var i = 0; i < doc.Pages.Count; i++)
        {
            var page = builder.AddPage(PageSize.A4);
            var layout = new PageLayout(page, regular, bold, doc.FileName, i + 1);
            foreach (var block in doc.Pages[i])
            {
                layout.Add(block);
            }

            var footer = $"{doc.FooterLabel} - Page {i + 1} of {doc.Pages.Count}";
            page.AddText(footer, 8.5, new PdfPoint(Margin, 48), regular);
        }

        return WithStableId(builder.Build(), doc.FileName);
    }

    /// <summary>
    /// PdfPig writes random GUIDs as the trailer /ID. Replace them (same length, so the
    /// xref offsets stay valid) with a hash of the file name so output is byte-identical.
    /// </summary>
    private static byte[] WithStableId(byte[] pdf, string fileName)
    {
        var marker = "/ID [ <"u8;
        var at = pdf.AsSpan().LastIndexOf(marker);
        if (at < 0)
        {
            return pdf;
        }

        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fileName)))[..32];
        var id = Encoding.ASCII.GetBytes($"{hex}><{hex}");
        var start = at + marker.Length;
        if (pdf.Length < start + id.Length || pdf[start + 32] != (byte)'>' || pdf[start + 66] != (byte)'>')
        {
            throw new InvalidOperationException("Unexpected PDF trailer layout.");
        }

        id.CopyTo(pdf.AsSpan(start));
        return pdf;
    }

    private sealed class PageLayout(
        PdfPageBuilder page,
        PdfDocumentBuilder.AddedFont regular,
        PdfDocumentBuilder.AddedFont bold,
        string fileName,
        int pageNumber)
    {
        private const double ContentWidth = 595 - (2 * Margin);
        private double _y = TopY;

        public void Add(Block block)
        {
            switch (block)
            {
                case TitleBlock t:
                    Write(t.Text, bold, 20, 26, Margin, ContentWidth);
                    _y -= 2;
                    break;
                case SubtitleBlock s:
                    Write(s.Text, regular, 10, 14, Margin, ContentWidth);
                    _y -= 12;
                    break;
                case HeadingBlock h:
                    _y -= 8;
                    Write(h.Text, bold, h.Level == 1 ? 13.5 : 11.5, 19, Margin, ContentWidth);
                    _y -= 2;
                    break;
                case ParagraphBlock p:
                    Write(p.Text, regular, BodySize, BodyLeading, Margin, ContentWidth);
                    _y -= 6;
                    break;
                case BulletBlock b:
                    EnsureRoom();
                    page.AddText("-", BodySize, new PdfPoint(Margin + 2, _y), regular);
                    Write(b.Text, regular, BodySize, BodyLeading, Margin + BulletIndent, ContentWidth - BulletIndent);
                    _y -= 3;
                    break;
                case TableBlock t:
                    WriteTable(t);
                    _y -= 8;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown block {block.GetType().Name}");
            }
        }

        private void WriteTable(TableBlock table)
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var font = r == 0 ? bold : regular;
                var x = Margin;
                var lowest = _y;
                for (var c = 0; c < table.Rows[r].Length; c++)
                {
                    var width = table.ColumnWidths[c] - 8;
                    var lines = Wrap(table.Rows[r][c], font, BodySize, width);
                    var cellY = _y;
                    foreach (var line in lines)
                    {
                        EnsureRoom(cellY);
                        page.AddText(line, BodySize, new PdfPoint(x, cellY), font);
                        cellY -= BodyLeading;
                    }

                    lowest = Math.Min(lowest, cellY);
                    x += table.ColumnWidths[c];
                }

                _y = lowest - 3;
                if (r == 0)
                {
                    page.DrawLine(new PdfPoint(Margin, _y + 10), new PdfPoint(Margin + ContentWidth, _y + 10), 0.5);
                }
            }
        }

        private void Write(string text, PdfDocumentBuilder.AddedFont font, double size, double leading, double x, double width)
        {
            foreach (var line in Wrap(text, font, size, width))
            {
                EnsureRoom();
                page.AddText(line, size, new PdfPoint(x, _y), font);
                _y -= leading;
            }
        }

        private List<string> Wrap(string text, PdfDocumentBuilder.AddedFont font, double size, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && Measure(candidate, font, size) > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            foreach (var line in lines)
            {
                if (Measure(line, font, size) > width)
                {
                    throw new InvalidOperationException($"{fileName} page {pageNumber}: '{line}' does not fit in {width} pt.");
                }
            }

            return lines;
        }

        private double Measure(string text, PdfDocumentBuilder.AddedFont font, double size)
        {
            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        private void EnsureRoom(double? y = null)
        {
            if ((y ?? _y) < BottomY)
            {
                throw new InvalidOperationException(
                    $"{fileName} page {pageNumber} overflows; move content to the next page.");
            }
        }
    }
}
