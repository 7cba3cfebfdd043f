using System.Text;

namespace Keel;

/// <summary>Cleans extracted text so every block is trimmed and "\n\n" only ever separates blocks.</summary>
internal static class BlockText
{
    /// <summary>Keeps line structure: line endings become "\n", control characters become spaces, trailing
    /// whitespace and blank lines go, and the whole is trimmed. Indentation after the first line is kept (code).</summary>
    public static string Normalize(string raw)
    {
        var result = new StringBuilder(raw.Length);
        foreach (var rawLine in raw.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = CleanCharacters(rawLine).TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (result.Length > 0)
            {
                result.Append('\n');
            }

            result.Append(line);
        }

        return result.ToString().Trim();
    }

    /// <summary>Makes one line: every run of whitespace (line breaks included) becomes a single space, trimmed.</summary>
    public static string CollapseWhitespace(string raw)
    {
        var result = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Collapses whitespace inside each line but keeps the line breaks; blank lines go.</summary>
    public static string CollapseLines(string raw) =>
        string.Join('\n', raw.ReplaceLineEndings("\n").Split('\n').Select(CollapseWhitespace).Where(line => line.Length > 0));

    private static string CleanCharacters(string line)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var invisible = IsInvisible(c);
            var control = c != '\t' && char.IsControl(c);
            if (!invisible && !control)
            {
                cleaned?.Append(c);
                continue;
            }

            cleaned ??= new StringBuilder(line, 0, i, line.Length);
            if (control)
            {
                cleaned.Append(' ');
            }
        }

        return cleaned?.ToString() ?? line;
    }

    // Byte-order marks, zero-width spaces and soft hyphens are invisible and only break search terms apart.
    private static bool IsInvisible(char c) => c is '\uFEFF' or '\u200B' or '\u00AD';
}
