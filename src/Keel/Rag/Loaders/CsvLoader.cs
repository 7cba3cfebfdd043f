using nietras.SeparatedValues;

namespace Keel;

/// <summary>Loads CSV and TSV files with Sep: one block per data row.</summary>
/// <remarks>
/// <para>The first non-empty row is the header. Each data row becomes <c>header1: value1; header2: value2</c>
/// (see <see cref="TableRows"/>), so a retrieved row says what its values mean and a citation quotes readable
/// text; the block's <see cref="DocumentBlock.Preamble"/> is the header line, which the chunker repeats above
/// every chunk. Quoted fields may hold separators, doubled quotes and line breaks; line breaks inside a value
/// collapse to a space.</para>
/// <para>The separator is a tab for <c>.tsv</c>; for <c>.csv</c> it is detected from the header (comma,
/// semicolon, tab or pipe). Ragged rows are tolerated: missing cells are left out and extra cells are named
/// <c>Column N</c>. Blank rows are skipped. A header with no data rows gives one block with the column names.
/// An unterminated quoted field is an error, since it would swallow the rest of the file.</para>
/// </remarks>
internal sealed class CsvLoader : IDocumentLoader
{
    /// <inheritdoc />
    public string DocumentType => "csv";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".csv", ".tsv"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = TextDecoder.Decode(TextDecoder.ReadAllBytes(content), path);
        var builder = new LoadedDocumentBuilder();
        if (string.IsNullOrWhiteSpace(text))
        {
            return builder.Build();
        }

        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? new Sep('\t') : (Sep?)null;
        string[]? header = null;
        string? preamble = null;
        var dataRows = 0;
        try
        {
            using var reader = Sep.Reader(options => options with
            {
                Sep = separator,
                HasHeader = false,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
            }).FromText(text);

            foreach (var row in reader)
            {
                ThrowIfUnterminatedQuote(row, path);
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (header is null)
                {
                    header = cells;
                    preamble = TableRows.Preamble(header);
                    continue;
                }

                builder.AddBlock(TableRows.Format(header, cells), preamble: preamble);
                dataRows++;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentLoadException($"{path}: not a readable CSV file ({ex.Message}). Check that it is delimited text.", ex);
        }

        if (header is not null && dataRows == 0)
        {
            builder.AddBlock(TableRows.Format(null, header));
        }

        return builder.Build();
    }

    // Sep treats an unmatched quote as opening a field that runs to the end of the file; say so instead.
    private static void ThrowIfUnterminatedQuote(SepReader.Row row, string path)
    {
        if (row.Span.Count('"') % 2 != 0)
        {
            throw new DocumentLoadException(
                $"{path}: row {row.RowIndex + 1} has a quoted field that is never closed, so the rest of the file would be "
                + "read as one value. Fix the quoting (a quote inside a quoted value is written twice: \"\").");
        }
    }
}
