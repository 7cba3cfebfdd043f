using System.Globalization;

namespace Keel;

/// <summary>Reads durations written the way people write them in YAML: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>.</summary>
internal static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var (number, unit) = Split(text.Trim());
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            return false;
        }

        double? milliseconds = unit switch
        {
            "ms" => amount,
            "s" or "" => amount * 1000,
            "m" => amount * 60_000,
            "h" => amount * 3_600_000,
            "d" => amount * 86_400_000,
            _ => null,
        };
        if (milliseconds is null)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds.Value);
        return true;
    }

    private static (string Number, string Unit) Split(string text)
    {
        var i = text.Length;
        while (i > 0 && char.IsAsciiLetter(text[i - 1]))
        {
            i--;
        }

        return (text[..i], text[i..].ToLowerInvariant());
    }
}
