using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Keel;

/// <summary>Walks an HTML tree and turns it into blocks: headings, paragraphs, list items, table rows,
/// preformatted text, and any loose text between block elements.</summary>
internal sealed class HtmlWalker(LoadedDocumentBuilder builder)
{
    private const char LineBreakMark = '\u2028';

    private static readonly HashSet<string> InlineElements = new(StringComparer.Ordinal)
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "img", "input", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr",
    };

    private readonly StringBuilder _inline = new();
    private string? _pendingMarker;

    /// <summary>Adds the blocks found under <paramref name="node"/> to the builder.</summary>
    public void Walk(INode node)
    {
        WalkChildren(node);
        Flush();
    }

    private static int? HeadingLevel(string name) =>
        name is ['h', >= '1' and <= '6'] ? name[1] - '0' : null;

    private static string FlatText(INode node)
    {
        var text = new StringBuilder();
        AppendFlat(text, node);
        return BlockText.CollapseWhitespace(text.ToString());
    }

    private static void AppendFlat(StringBuilder text, INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                text.Append(textNode.Data);
            }
            else if (child is IElement element)
            {
                var separate = !InlineElements.Contains(element.LocalName);
                text.Append(separate || element.LocalName == "br" ? " " : string.Empty);
                AppendFlat(text, element);
                text.Append(separate ? " " : string.Empty);
            }
        }
    }

    private void WalkChildren(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                _inline.Append(text.Data);
            }
            else if (child is IElement element)
            {
                Visit(element);
            }
        }
    }

    private void Visit(IElement element)
    {
        var name = element.LocalName;
        if (name == "br")
        {
            _inline.Append(LineBreakMark);
            return;
        }

        if (InlineElements.Contains(name))
        {
            WalkChildren(element);
            return;
        }

        Flush();
        if (HeadingLevel(name) is { } level)
        {
            builder.AddHeading(level, FlatText(element));
        }
        else if (name == "pre")
        {
            builder.AddBlock(element.TextContent);
        }
        else if (element is IHtmlTableElement table)
        {
            AddTable(table);
        }
        else if (name is "ul" or "ol" or "menu")
        {
            AddList(element);
        }
        else
        {
            _pendingMarker ??= name == "li" ? "- " : null;
            WalkChildren(element);
            Flush();
        }
    }

    private void AddList(IElement list)
    {
        var ordered = list.LocalName == "ol";
        var number = ordered && int.TryParse(list.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? start
            : 1;

        foreach (var child in list.ChildNodes)
        {
            if (child is IElement { LocalName: "li" } item)
            {
                _pendingMarker = ordered ? $"{number++}. " : "- ";
                WalkChildren(item);
                Flush();
                _pendingMarker = null;
            }
            else if (child is IElement other)
            {
                Visit(other);
            }
        }
    }

    private void AddTable(IHtmlTableElement table)
    {
        if (table.Caption is { } caption)
        {
            builder.AddBlock(FlatText(caption));
        }

        var rows = table.Rows;
        IReadOnlyList<string>? header = null;
        if (rows.Length > 1 && IsHeaderRow(rows[0]))
        {
            header = rows[0].Cells.Select(FlatText).ToArray();
        }

        var preamble = header is null ? null : TableRows.Preamble(header);
        foreach (var row in header is null ? rows : rows.Skip(1))
        {
            builder.AddBlock(TableRows.Format(header, row.Cells.Select(FlatText).ToArray()), preamble: preamble);
        }
    }

    private static bool IsHeaderRow(IHtmlTableRowElement row) =>
        row.ParentElement?.LocalName == "thead" || (row.Cells.Length > 0 && row.Cells.All(cell => cell.LocalName == "th"));

    private void Flush()
    {
        var lines = _inline.ToString().Split(LineBreakMark).Select(BlockText.CollapseWhitespace).Where(line => line.Length > 0);
        var text = string.Join('\n', lines);
        _inline.Clear();
        if (text.Length == 0)
        {
            return;
        }

        builder.AddBlock(_pendingMarker + text);
        _pendingMarker = null;
    }
}
