namespace Keel;

/// <summary>A piece of a document small enough to retrieve and cite.</summary>
/// <param name="Ordinal">Position of the chunk in its document, from 0.</param>
/// <param name="Start">Offset of the chunk's first character in the document's extracted text.</param>
/// <param name="End">Offset one past its last character.</param>
/// <param name="Text">The document text in [Start, End).</param>
/// <param name="HeadingPath">Headings the chunk sits under, outermost first.</param>
/// <param name="Page">1-based page for paged formats.</param>
/// <param name="Preamble">Repeated context such as a CSV header; searchable, shown with the chunk, not part of the span.</param>
/// <param name="TokenCount">Size in tokenizer tokens, preamble included.</param>
internal sealed record Chunk(int Ordinal, int Start, int End, string Text, IReadOnlyList<string> HeadingPath, int? Page, string? Preamble, int TokenCount);
