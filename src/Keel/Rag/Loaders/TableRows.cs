namespace Keel;

/// <summary>Renders table rows (CSV, Markdown, HTML, DOCX) the same way: one block per row, self-describing.</summary>
/// <remarks>A row under a header reads <c>header1: value1; header2: value2</c>, so a chunk holding a single row
/// still says what each value is, for the embedding and for the reader of a citation. Empty cells are left
/// out; cells past the header are named <c>Column N</c>. Whitespace inside a cell (line breaks included)
/// collapses to one space. Without a header the non-empty cells are joined with <c> | </c>.</remarks>
internal static class TableRows
{
    /// <summary>Formats one data row.</summary>
    public static string Format(IReadOnlyList<string>? header, IReadOnlyList<string> cells)
    {
        var parts = new List<string>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = BlockText.CollapseWhitespace(cells[i]);
            if (value.Length == 0)
            {
                continue;
            }

            parts.Add(header is null ? value : $"{ColumnName(header, i)}: {value}");
        }

        return string.Join(header is null ? " | " : "; ", parts);
    }

    /// <summary>The header line repeated at the top of every chunk of rows: column names joined with <c> | </c>.</summary>
    public static string Preamble(IReadOnlyList<string> header) =>
        string.Join(" | ", Enumerable.Range(0, header.Count).Select(i => ColumnName(header, i)));

    private static string ColumnName(IReadOnlyList<string> header, int index)
    {
        var name = index < header.Count ? BlockText.CollapseWhitespace(header[index]) : string.Empty;
        return name.Length > 0 ? name : $"Column {index + 1}";
    }
}
