using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Keel;

/// <summary>Loads the text layer of PDF files with PdfPig, page by page, as paragraph blocks.</summary>
/// <remarks>
/// <para>Words come from the nearest-neighbour word extractor, text blocks from Docstrum layout analysis, their
/// order from the unsupervised reading-order detector (so two-column pages read column by column). A text
/// block is split where the font size changes. Lines within a block are kept as lines.</para>
/// <para>Headings are guessed from size: the body size is the one most characters use, and a run of at most
/// three lines and twenty words at least 15% larger than the body is a heading; larger sizes are outer levels.
/// Headings carry over to later pages.</para>
/// <para>Scanned pages without a text layer yield no blocks (OCR is out of scope). Corrupt, truncated and
/// password-protected files are rejected with <see cref="DocumentLoadException"/>.</para>
/// </remarks>
internal sealed class PdfLoader : IDocumentLoader
{
    private const double HeadingSizeRatio = 1.15;
    private const int MaxHeadingLines = 3;
    private const int MaxHeadingWords = 20;
    private const double SameSizeTolerance = 0.5;

    /// <inheritdoc />
    public string DocumentType => "pdf";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        var bytes = TextDecoder.ReadAllBytes(content);
        if (bytes.Length == 0)
        {
            return LoadedDocumentBuilder.Empty;
        }

        IReadOnlyList<PdfTextRun> runs;
        try
        {
            runs = ReadRuns(bytes);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentLoadException(
                $"{path}: not a readable PDF (it is password-protected). Remove the password, for example by printing "
                + "it to a new PDF, and load that copy.",
                ex);
        }
        catch (Exception ex) when (IsParserFailure(ex))
        {
            throw new DocumentLoadException(
                $"{path}: not a readable PDF ({ex.Message.TrimEnd('.')}). Re-export it from the application that made "
                + "it, or repair it by printing it to a new PDF.",
                ex);
        }

        return Build(runs);
    }

    // PdfPig reports malformed input through many exception types (format, index, null reference, argument),
    // so this is the loader's one catch-all boundary; only failures of the process itself pass through.
    private static bool IsParserFailure(Exception ex) =>
        ex is not (OutOfMemoryException or OperationCanceledException or DocumentLoadException);

    private static List<PdfTextRun> ReadRuns(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes, new ParsingOptions { SkipMissingFonts = true });
        var runs = new List<PdfTextRun>();
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords(NearestNeighbourWordExtractor.Instance)
                .Where(word => !string.IsNullOrWhiteSpace(word.Text))
                .ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            foreach (var block in UnsupervisedReadingOrderDetector.Instance.Get(blocks).OrderBy(block => block.ReadingOrder))
            {
                SplitByFontSize(block, page.Number, runs);
            }
        }

        return runs;
    }

    private static void SplitByFontSize(TextBlock block, int page, List<PdfTextRun> runs)
    {
        var lines = new List<string>();
        var size = 0d;
        var wordCount = 0;
        foreach (var line in block.TextLines)
        {
            var lineSize = MedianFontSize(line.Words);
            if (lines.Count > 0 && Math.Abs(lineSize - size) > SameSizeTolerance)
            {
                runs.Add(new PdfTextRun(page, lines.ToArray(), size, wordCount));
                lines.Clear();
                wordCount = 0;
            }

            if (lines.Count == 0)
            {
                size = lineSize;
            }

            lines.Add(line.Text);
            wordCount += line.Words.Count;
        }

        if (lines.Count > 0)
        {
            runs.Add(new PdfTextRun(page, lines.ToArray(), size, wordCount));
        }
    }

    private static double MedianFontSize(IEnumerable<Word> words)
    {
        var sizes = words.SelectMany(word => word.Letters)
            .Where(letter => !string.IsNullOrWhiteSpace(letter.Value))
            .Select(letter => letter.PointSize)
            .Order()
            .ToList();
        return sizes.Count == 0 ? 0 : sizes[sizes.Count / 2];
    }

    private static LoadedDocument Build(IReadOnlyList<PdfTextRun> runs)
    {
        var headingLevels = HeadingLevels(runs);
        var builder = new LoadedDocumentBuilder();
        foreach (var run in runs)
        {
            if (IsHeadingShaped(run) && headingLevels.TryGetValue(RoundSize(run.FontSize), out var level))
            {
                builder.AddHeading(level, string.Join(' ', run.Lines), run.Page);
            }
            else
            {
                builder.AddBlock(string.Join('\n', run.Lines), run.Page);
            }
        }

        return builder.Build();
    }

    // Maps each heading font size (rounded to half a point) to its level: the largest size is level 1.
    private static Dictionary<double, int> HeadingLevels(IReadOnlyList<PdfTextRun> runs)
    {
        if (runs.Count == 0)
        {
            return [];
        }

        var bodySize = runs
            .GroupBy(run => RoundSize(run.FontSize))
            .MaxBy(group => group.Sum(run => run.Lines.Sum(line => line.Length)))!
            .Key;

        return runs
            .Where(run => IsHeadingShaped(run) && run.FontSize >= bodySize * HeadingSizeRatio)
            .Select(run => RoundSize(run.FontSize))
            .Distinct()
            .OrderDescending()
            .Select((size, index) => (size, level: index + 1))
            .ToDictionary(pair => pair.size, pair => pair.level);
    }

    private static bool IsHeadingShaped(PdfTextRun run) =>
        run.Lines.Count <= MaxHeadingLines
        && run.WordCount <= MaxHeadingWords
        && run.Lines.Any(line => line.Any(char.IsLetter));

    private static double RoundSize(double size) => Math.Round(size * 2, MidpointRounding.AwayFromZero) / 2;
}
