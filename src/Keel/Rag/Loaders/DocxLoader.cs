using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Keel;

/// <summary>Loads Word documents (.docx) with the Open XML SDK: paragraphs, headings, list items and tables
/// from the document body.</summary>
/// <remarks>
/// <para>Headings come from the paragraph style (<c>Title</c>, <c>heading 1</c>–<c>heading 9</c> by name or id,
/// through <c>basedOn</c>) or an outline level; <c>Title</c> sits above <c>heading 1</c>. List paragraphs are
/// prefixed <c>- </c> or <c>N. </c> (see <see cref="DocxNumbering"/>). Each table row is a block (see
/// <see cref="TableRows"/>); the first row is the header when it is marked to repeat as a header row or all its
/// text is bold. Content controls are read through; deleted revisions, headers, footers, footnotes and comments
/// are not read.</para>
/// <para>A file that is not a zip package, not a Word document, or password-protected (an encrypted package is
/// not a zip) is rejected with <see cref="DocumentLoadException"/>.</para>
/// </remarks>
internal sealed class DocxLoader : IDocumentLoader
{
    /// <inheritdoc />
    public string DocumentType => "docx";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        var bytes = TextDecoder.ReadAllBytes(content);
        if (bytes.Length == 0)
        {
            return LoadedDocumentBuilder.Empty;
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            if (document.MainDocumentPart?.Document?.Body is not { } body)
            {
                throw new DocumentLoadException(NotReadable(path, "it has no document body"));
            }

            var builder = new LoadedDocumentBuilder();
            new DocxWalker(builder, document.MainDocumentPart).Visit(body);
            return builder.Build();
        }
        catch (Exception ex) when (IsPackageFailure(ex))
        {
            throw new DocumentLoadException(NotReadable(path, ex.Message), ex);
        }
    }

    // The SDK reports bad packages and bad XML through several exception types; all mean the same to the user.
    private static bool IsPackageFailure(Exception ex) =>
        ex is OpenXmlPackageException or FileFormatException or InvalidDataException or System.Xml.XmlException
            or InvalidOperationException or NotSupportedException or ArgumentException;

    private static string NotReadable(string path, string reason) =>
        $"{path}: not a readable Word document ({reason.TrimEnd('.')}). Open it in Word and save it as .docx; "
            + "if it is password-protected, remove the password; if it is an old .doc file, convert it to .docx.";
}
