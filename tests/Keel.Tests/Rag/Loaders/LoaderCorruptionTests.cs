using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Keel.Tests;

/// <summary>Damaged input of every format must either load with valid spans or fail with DocumentLoadException.</summary>
public sealed class LoaderCorruptionTests
{
    private const int Iterations = 60;

    public static TheoryData<string> Paths() => ["f.pdf", "f.docx", "f.csv", "f.md", "f.html", "f.txt"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Load_CorruptedBytes_LoadsOrThrowsDocumentLoadException(string path)
    {
        Assert.True(new DocumentLoaderRegistry().TryGetLoader(path, out var loader));
        var valid = ValidSample(path);
        var random = new Random(path.Length * 31);

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var bytes = Corrupt(valid, iteration % 3, random);
            try
            {
                LoaderInput.Load(loader, bytes, path);
            }
            catch (DocumentLoadException error)
            {
                Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
            }
        }
    }

    private static byte[] Corrupt(byte[] valid, int mode, Random random)
    {
        switch (mode)
        {
            case 0:
                var flipped = (byte[])valid.Clone();
                for (var i = 0; i < 1 + random.Next(8); i++)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 1:
                return valid[..random.Next(valid.Length)];
            default:
                var noise = new byte[random.Next(8, 300)];
                random.NextBytes(noise);
                "%PDF"u8.CopyTo(noise);
                return noise;
        }
    }

    private static byte[] ValidSample(string path) => Path.GetExtension(path) switch
    {
        ".pdf" => SamplePdf(),
        ".docx" => SampleDocx(),
        ".csv" => Encoding.UTF8.GetBytes("a,b,c\n1,\"2\",3\n\"x\ny\",z,\"\"\"q\"\n"),
        ".md" => Encoding.UTF8.GetBytes("# H\n\n- a\n- b\n\n|a|b|\n|-|-|\n|1|2|\n\n```\ncode\n```\n<div>x</div>"),
        ".html" => Encoding.UTF8.GetBytes("<main><h1>T</h1><table><tr><th>a</th></tr><tr><td>1</td></tr></table><ul><li>x</li></ul></main>"),
        _ => Encoding.UTF8.GetBytes("TITLE\n\nText\n===\n\nmore"),
    };

    private static byte[] SamplePdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var pageNumber = 0; pageNumber < 2; pageNumber++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            for (var line = 0; line < 10; line++)
            {
                page.AddText($"Line {line} on page {pageNumber} with words", 11, new PdfPoint(72, 700 - (line * 14)), font);
            }
        }

        return builder.Build();
    }

    private static byte[] SampleDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var paragraphs = Enumerable.Range(0, 20).Select(i => new Paragraph(new Run(new Text($"Paragraph {i}"))));
            document.AddMainDocumentPart().Document = new Document(new Body(paragraphs));
        }

        return stream.ToArray();
    }
}
