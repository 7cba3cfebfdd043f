using System.Security.Cryptography;
using System.Text;

namespace Keel;

/// <summary>A prompt's version: the first 12 hex digits of the SHA-256 of its normalised text.</summary>
/// <remarks>Normalising (no BOM, LF line ends, exactly one final newline) keeps the version the same across a
/// Windows checkout with CRLF and a Linux one, and across editors that add or drop the final newline.</remarks>
internal static class PromptVersion
{
    public const int Length = 12;

    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return text.TrimEnd('\n', ' ', '\t') + "\n";
    }

    /// <summary>The version of already normalised text.</summary>
    public static string Of(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..Length];

    public static bool LooksLikeVersion(string text) =>
        text.Length is >= 4 and <= Length && text.All(char.IsAsciiHexDigitLower);
}
