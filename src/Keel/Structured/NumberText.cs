using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>
/// Numbers as people write them, read only where there is one reading: comma thousands separators in groups of three
/// (<c>"1,234"</c>, <c>"1,234.5"</c>) and one leading currency sign (<c>"$12.50"</c>, <c>"€ 1,200"</c>).
/// </summary>
/// <remarks>
/// Left as errors on purpose: a decimal comma (<c>"1,5"</c>, <c>"1.234,56"</c>), percentages (<c>"30%"</c>: 30 or 0.3?),
/// units (<c>"90 min"</c>, <c>"1.5 h"</c>: the schema does not say which unit it counts in) and ranges.
/// </remarks>
internal static partial class NumberText
{
    public static bool TryRead(string text, out decimal value)
    {
        value = 0;
        var match = Written().Match(text);
        return match.Success
            && decimal.TryParse(match.Groups["sign"].Value + match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(?<sign>-?)(?:[$€£¥]\s?)?(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")]
    private static partial Regex Written();
}
