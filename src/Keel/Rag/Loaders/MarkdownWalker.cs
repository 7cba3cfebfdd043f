using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Keel;

/// <summary>Walks a Markdig syntax tree and turns it into blocks with inline markup stripped.</summary>
internal sealed class MarkdownWalker(LoadedDocumentBuilder builder)
{
    /// <summary>Adds the blocks of <paramref name="container"/> to the builder.</summary>
    public void Walk(ContainerBlock container)
    {
        foreach (var block in container)
        {
            Visit(block);
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        AppendInline(text, inline);
        return BlockText.CollapseLines(text.ToString());
    }

    private static void AppendInline(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case TaskList task:
                text.Append(task.Checked ? "[x] " : "[ ] ");
                break;
            case LinkInline { IsImage: true }:
                // Alt text of images is mostly badges and decoration; it would add noise to every chunk.
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendInline(text, child);
                }

                break;
            default:
                // Raw inline HTML tags carry no text of their own; the text between them is a literal.
                break;
        }
    }

    private static string CodeText(CodeBlock code) => code.Lines.ToString();

    private void Visit(Block block)
    {
        switch (block)
        {
            case YamlFrontMatterBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case HeadingBlock heading:
                builder.AddHeading(heading.Level, InlineText(heading.Inline));
                break;
            case Table table:
                AddTable(table);
                break;
            case ListBlock list:
                AddList(list);
                break;
            case HtmlBlock html:
                AddHtml(html);
                break;
            case CodeBlock code:
                builder.AddBlock(CodeText(code));
                break;
            case LeafBlock leaf:
                builder.AddBlock(InlineText(leaf.Inline));
                break;
            case ContainerBlock container:
                Walk(container);
                break;
            default:
                break;
        }
    }

    private void AddList(ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? start
            : 1;

        foreach (var item in list.OfType<ListItemBlock>())
        {
            AddListItem(item, list.IsOrdered ? $"{number++}. " : "- ");
        }
    }

    // The item's own paragraphs and code form one block; a nested list or other block ends it and follows.
    private void AddListItem(ListItemBlock item, string marker)
    {
        var lines = new List<string>();
        string? pendingMarker = marker;
        foreach (var child in item)
        {
            switch (child)
            {
                case ParagraphBlock paragraph:
                    lines.Add(InlineText(paragraph.Inline));
                    break;
                case CodeBlock code:
                    lines.Add(CodeText(code));
                    break;
                default:
                    FlushItem(lines, ref pendingMarker);
                    Visit(child);
                    break;
            }
        }

        FlushItem(lines, ref pendingMarker);
    }

    private void FlushItem(List<string> lines, ref string? marker)
    {
        var text = BlockText.Normalize(string.Join('\n', lines));
        lines.Clear();
        if (text.Length == 0)
        {
            return;
        }

        builder.AddBlock(marker + text);
        marker = null;
    }

    private void AddTable(Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var header = rows.FirstOrDefault(row => row.IsHeader) is { } headerRow ? CellTexts(headerRow) : null;
        var dataRows = rows.Where(row => !row.IsHeader).ToList();
        if (dataRows.Count == 0)
        {
            builder.AddBlock(TableRows.Format(null, header ?? []));
            return;
        }

        var preamble = header is null ? null : TableRows.Preamble(header);
        foreach (var row in dataRows)
        {
            builder.AddBlock(TableRows.Format(header, CellTexts(row)), preamble: preamble);
        }
    }

    private static string[] CellTexts(TableRow row) =>
        row.OfType<TableCell>()
            .Select(cell => string.Join(' ', cell.OfType<LeafBlock>().Select(leaf => InlineText(leaf.Inline))))
            .ToArray();

    // Raw HTML in Markdown goes through the HTML walker so <details>, <table> and friends keep their text.
    private void AddHtml(HtmlBlock html)
    {
        using var document = new HtmlParser().ParseDocument(html.Lines.ToString());
        if (document.Body is { } body)
        {
            HtmlMainContent.RemoveBoilerplate(body);
            new HtmlWalker(builder).Walk(body);
        }
    }
}
