namespace Keel;

/// <summary>Folds the accented Latin letters of Latin-1 and Latin Extended-A to plain lower-case ASCII,
/// so that <c>café</c>, <c>Café</c> and <c>cafe</c> index alike.</summary>
internal static class AccentFolding
{
    private const char First = '\u00C0';
    private const char Last = '\u017F';

    // One entry per code point from U+00C0 to U+017F, upper and lower case alike; '_' marks the few that fold to
    // two letters (handled below) and the two symbols in the range (× and ÷), which are never letters.
    private const string Table =
        "aaaaaa_ceeeeiiiidnooooo_ouuuuy__aaaaaa_ceeeeiiiidnooooo_ouuuuy_y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkklllllll" +
        "lllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    /// <summary>The ASCII folding of <paramref name="c"/>: one or two lower-case letters, or empty when
    /// <paramref name="c"/> is outside the two blocks.</summary>
    public static ReadOnlySpan<char> Fold(char c)
    {
        if (c is < First or > Last)
        {
            return default;
        }

        var index = c - First;
        if (Table[index] != '_')
        {
            return Table.AsSpan(index, 1);
        }

        return c switch
        {
            'Æ' or 'æ' => "ae",
            'Œ' or 'œ' => "oe",
            'ß' => "ss",
            'Þ' or 'þ' => "th",
            'Ĳ' or 'ĳ' => "ij",
            _ => default,
        };
    }
}
