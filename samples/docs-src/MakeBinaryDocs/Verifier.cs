using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace MakeBinaryDocs;

/// <summary>Prints what a loader would extract, to check spacing and styles by eye.</summary>
internal static class Verifier
{
    public static void PrintPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        Console.WriteLine($"===== {Path.GetFileName(path)}: {pdf.NumberOfPages} pages");
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().Select(w => w.Text).ToList();
            Console.WriteLine($"--- page {page.Number}: {words.Count} words");
            Console.WriteLine("words: " + string.Join(' ', words));
            Console.WriteLine("content order:");
            Console.WriteLine(ContentOrderTextExtractor.GetText(page));
        }
    }

    public static void PrintDocx(string path)
    {
        using var doc = WordprocessingDocument.Open(path, false);
        Console.WriteLine($"===== {Path.GetFileName(path)}");
        var body = doc.MainDocumentPart?.Document?.Body
            ?? throw new InvalidOperationException("No document body.");
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "(Normal)";
            Console.WriteLine($"[{style}] {paragraph.InnerText}");
        }

        var styleIds = doc.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Select(s => $"{s.StyleId?.Value}(outline={s.StyleParagraphProperties?.OutlineLevel?.Val?.Value.ToString() ?? "-"})");
        Console.WriteLine("styles: " + string.Join(", ", styleIds ?? []));

        var errors = new OpenXmlValidator().Validate(doc).ToList();
        foreach (var error in errors)
        {
            Console.WriteLine($"validation error: {error.Description} at {error.Path?.XPath}");
        }

        Console.WriteLine($"validation errors: {errors.Count}");
    }
}
