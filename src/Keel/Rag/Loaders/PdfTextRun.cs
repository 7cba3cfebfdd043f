namespace Keel;

/// <summary>Consecutive lines of one PDF text block that share a font size: a paragraph or a heading.</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Lines">The lines in reading order, words separated by single spaces.</param>
/// <param name="FontSize">The median glyph size in points.</param>
/// <param name="WordCount">How many words the lines hold.</param>
internal sealed record PdfTextRun(int Page, IReadOnlyList<string> Lines, double FontSize, int WordCount);
