// Generates the binary sample documents (PDF and DOCX) in samples/docs from the
// content defined in PdfContent.cs and DocxContent.cs.
//
//   dotnet run --project samples/docs-src/MakeBinaryDocs            # write files
//   dotnet run --project samples/docs-src/MakeBinaryDocs -- --verify # write, then print extracted text
//
// An optional positional argument overrides the output directory.

using System.Runtime.CompilerServices;
using MakeBinaryDocs;

var verify = args.Contains("--verify");
var outputDir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
    ?? Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "docs"));
Directory.CreateDirectory(outputDir);

foreach (var doc in PdfContent.All)
{
    var path = Path.Combine(outputDir, doc.FileName);
    File.WriteAllBytes(path, PdfWriter.Render(doc));
    Console.WriteLine($"wrote {path}");
}

foreach (var doc in DocxContent.All)
{
    var path = Path.Combine(outputDir, doc.FileName);
    File.WriteAllBytes(path, DocxWriter.Render(doc));
    Console.WriteLine($"wrote {path}");
}

if (verify)
{
    foreach (var doc in PdfContent.All)
    {
        Verifier.PrintPdf(Path.Combine(outputDir, doc.FileName));
    }

    foreach (var doc in DocxContent.All)
    {
        Verifier.PrintDocx(Path.Combine(outputDir, doc.FileName));
    }
}

static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
