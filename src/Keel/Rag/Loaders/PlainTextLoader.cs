namespace Keel;

/// <summary>Loads plain text: paragraphs are separated by blank lines.</summary>
/// <remarks>A line underlined with <c>===</c> is a level-1 heading and one underlined with <c>---</c> a level-2
/// heading; a short stand-alone line in capitals (<c>INTRODUCTION</c>) is a level-1 heading. Lines made only of
/// <c>-</c>, <c>=</c>, <c>*</c> or <c>_</c> are separators. Lines inside a paragraph are kept as they are.
/// NUL bytes or invalid UTF-8 (without a UTF-16 byte-order mark) are rejected as binary.</remarks>
internal sealed class PlainTextLoader : IDocumentLoader
{
    private const int MaxCapitalHeadingLength = 60;

    /// <inheritdoc />
    public string DocumentType => "text";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".txt", ".text"];

    /// <inheritdoc />
    public LoadedDocument Load(Stream content, string path)
    {
        var text = TextDecoder.Decode(TextDecoder.ReadAllBytes(content), path);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var builder = new LoadedDocumentBuilder();
        var paragraph = new List<string>();

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var nextIsBlank = i + 1 >= lines.Length || string.IsNullOrWhiteSpace(lines[i + 1]);
            if (string.IsNullOrWhiteSpace(line) || IsSeparator(line))
            {
                Flush(builder, paragraph);
            }
            else if (i + 1 < lines.Length && UnderlineLevel(lines[i + 1]) is { } level)
            {
                Flush(builder, paragraph);
                builder.AddHeading(level, line);
                i++;
            }
            else if (paragraph.Count == 0 && nextIsBlank && IsCapitalHeading(line))
            {
                builder.AddHeading(1, line);
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush(builder, paragraph);
        return builder.Build();
    }

    private static void Flush(LoadedDocumentBuilder builder, List<string> paragraph)
    {
        builder.AddBlock(string.Join('\n', paragraph));
        paragraph.Clear();
    }

    private static int? UnderlineLevel(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length < 3)
        {
            return null;
        }

        return trimmed.All(c => c == '=') ? 1 : trimmed.All(c => c == '-') ? 2 : null;
    }

    private static bool IsSeparator(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 3 && trimmed.All(c => c == trimmed[0]) && trimmed[0] is '-' or '=' or '*' or '_';
    }

    private static bool IsCapitalHeading(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > MaxCapitalHeadingLength || trimmed[^1] is '.' or ',' or ';' or ':' or '!' or '?')
        {
            return false;
        }

        var letters = trimmed.Count(char.IsLetter);
        var visible = trimmed.Count(c => !char.IsWhiteSpace(c));
        return letters >= 2 && letters * 2 >= visible && !trimmed.Any(char.IsLower);
    }
}
