namespace Keel;

/// <summary>The clean text of a document and the structural blocks it is made of.</summary>
/// <param name="Text">The extracted plain text. Every span in Keel (blocks, chunks, citations) is a character
/// offset into this string.</param>
/// <param name="Blocks">Paragraph-like units in reading order; spans do not overlap.</param>
internal sealed record LoadedDocument(string Text, IReadOnlyList<DocumentBlock> Blocks);

/// <summary>A paragraph, list item, table row or similar unit of a document.</summary>
/// <param name="Start">Offset of the first character in <see cref="LoadedDocument.Text"/>.</param>
/// <param name="End">Offset one past the last character (exclusive).</param>
/// <param name="HeadingPath">The headings this block sits under, outermost first; empty when none.</param>
/// <param name="Page">1-based page number for paged formats (PDF), otherwise null.</param>
/// <param name="Preamble">Text the chunker repeats at the top of every chunk cut from consecutive blocks
/// that share it (a CSV header row); null when none. It is not part of the span.</param>
internal sealed record DocumentBlock(int Start, int End, IReadOnlyList<string> HeadingPath, int? Page, string? Preamble = null);
