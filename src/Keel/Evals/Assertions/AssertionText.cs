using System.Globalization;

namespace Keel;

/// <summary>Formatting shared by assertion reasons.</summary>
internal static class AssertionText
{
    public static string Clip(string text, int max = 80)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max), "…");
    }

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
