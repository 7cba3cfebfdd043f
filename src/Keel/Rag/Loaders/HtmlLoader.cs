using AngleSharp.Html.Parser;

namespace Keel;

/// <summary>Loads HTML pages with AngleSharp, keeping the main content and dropping page furniture.</summary>
/// <remarks>The content root is <c>&lt;main&gt;</c>, <c>[role=main]</c> or a single <c>&lt;article&gt;</c> when
/// present, else the body; scripts, styles, navigation, headers, footers, asides and forms are dropped (see
/// <see cref="HtmlMainContent"/>). <c>h1</c>–<c>h6</c> build the heading path; the <c>&lt;title&gt;</c> is the
/// top heading only when the content has no <c>h1</c>. Paragraphs, list items (<c>- </c> or <c>1. </c>), table
/// rows (see <see cref="TableRows"/>), <c>pre</c>, <c>dt</c>/<c>dd</c> and loose text become blocks; entities are
/// decoded and whitespace collapsed. The encoding comes from the byte-order mark or <c>&lt;meta charset&gt;</c>
/// (UTF-8 by default). HTML parsing never fails, so only NUL bytes (a binary file) are rejected.</remarks>
internal sealed class HtmlLoader : IDocumentLoader
{
    /// <inheritdoc />
    public string DocumentType => "html";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        var bytes = TextDecoder.ReadAllBytes(content);
        TextDecoder.ThrowIfBinary(bytes, path);

        using var stream = new MemoryStream(bytes, writable: false);
        using var document = new HtmlParser().ParseDocument(stream);
        var root = HtmlMainContent.SelectRoot(document);
        HtmlMainContent.RemoveBoilerplate(root);

        var builder = new LoadedDocumentBuilder();
        if (root.QuerySelector("h1") is null)
        {
            builder.AddHeading(1, document.Title ?? string.Empty);
        }

        new HtmlWalker(builder).Walk(root);
        return builder.Build();
    }
}
