namespace MakeBinaryDocs;

/// <summary>A block of content in a generated document.</summary>
internal abstract record Block;

/// <summary>Document title (PDF: large bold line; DOCX: Title style).</summary>
internal sealed record TitleBlock(string Text) : Block;

/// <summary>Small line under the title, such as a version and date.</summary>
internal sealed record SubtitleBlock(string Text) : Block;

/// <summary>Section heading. Level 1 maps to Heading1, level 2 to Heading2.</summary>
internal sealed record HeadingBlock(int Level, string Text) : Block;

/// <summary>Body paragraph, word-wrapped in PDFs.</summary>
internal sealed record ParagraphBlock(string Text) : Block;

/// <summary>Bulleted list item.</summary>
internal sealed record BulletBlock(string Text) : Block;

/// <summary>Table; the first row is the header. Column widths are in PDF points.</summary>
internal sealed record TableBlock(IReadOnlyList<string[]> Rows, IReadOnlyList<double> ColumnWidths) : Block;

/// <summary>A PDF document with explicit pages, so facts land on known pages.</summary>
internal sealed record PdfDoc(string FileName, string Title, string FooterLabel, IReadOnlyList<IReadOnlyList<Block>> Pages);

/// <summary>A DOCX document.</summary>
internal sealed record DocxDoc(string FileName, string Title, IReadOnlyList<Block> Blocks);
