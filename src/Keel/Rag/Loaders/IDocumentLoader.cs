namespace Keel;

/// <summary>Turns the bytes of one file into plain text with its structure (headings, pages).</summary>
/// <remarks>One loader per file, chosen by extension. A loader throws <see cref="DocumentLoadException"/>
/// with a reason a user can act on when the file is corrupt or not what its extension says.</remarks>
internal interface IDocumentLoader
{
    /// <summary>The document type stored with each chunk, e.g. <c>markdown</c> or <c>pdf</c>.</summary>
    string DocumentType { get; }

    /// <summary>Lower-case extensions with the dot, e.g. <c>.md</c>.</summary>
    IReadOnlyList<string> Extensions { get; }

    LoadedDocument Load(Stream content, string path);
}
