using Markdig;

namespace Keel;

/// <summary>Loads Markdown with Markdig: headings, paragraphs, list items, code blocks, tables and quotes.</summary>
/// <remarks>Headings (<c>#</c> to <c>######</c>, or underlined) build the heading path. Each list item is one
/// block, prefixed <c>- </c> or <c>1. </c>; a nested list's items are blocks of their own. A code block is one
/// block with its lines intact. Pipe tables give one block per data row (see <see cref="TableRows"/>). Inline
/// markup is stripped: links keep their text, inline code its content, images are dropped. YAML front matter
/// is ignored. Raw HTML blocks are read like HTML. Markdown parsing never fails, so only binary content is
/// rejected.</remarks>
internal sealed class MarkdownLoader : IDocumentLoader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    /// <inheritdoc />
    public string DocumentType => "markdown";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        var text = TextDecoder.Decode(TextDecoder.ReadAllBytes(content), path);
        var builder = new LoadedDocumentBuilder();
        new MarkdownWalker(builder).Walk(Markdown.Parse(text, Pipeline));
        return builder.Build();
    }
}
