using System.Text;

namespace Keel;

/// <summary>Reads the bytes of text formats: a UTF-8 or UTF-16 byte-order mark picks the encoding, otherwise the
/// content must be valid UTF-8. NUL bytes or invalid UTF-8 mean a binary file behind a text extension.</summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16LittleEndian = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16BigEndian = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>Reads the whole stream into memory.</summary>
    public static byte[] ReadAllBytes(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Decodes text, throwing <see cref="DocumentLoadException"/> when it looks binary.</summary>
    public static string Decode(byte[] bytes, string path)
    {
        var (encoding, bomLength) = DetectBom(bytes);
        if (encoding is null)
        {
            ThrowIfContainsNul(bytes, path);
        }

        string text;
        try
        {
            text = (encoding ?? StrictUtf8).GetString(bytes, bomLength, bytes.Length - bomLength);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DocumentLoadException(
                $"{path}: looks like a binary file, not text (byte {bomLength + Math.Max(ex.Index, 0)} is not valid "
                + $"{(encoding ?? StrictUtf8).WebName}). If it is text in another encoding, save it as UTF-8 and load it again.",
                ex);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw BinaryFile(path);
        }

        return text;
    }

    /// <summary>Throws when the content has NUL bytes and no UTF-16 byte-order mark explains them.</summary>
    public static void ThrowIfBinary(byte[] bytes, string path)
    {
        if (DetectBom(bytes).Encoding is not UnicodeEncoding)
        {
            ThrowIfContainsNul(bytes, path);
        }
    }

    private static (Encoding? Encoding, int BomLength) DetectBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
        [0xFF, 0xFE, ..] => (StrictUtf16LittleEndian, 2),
        [0xFE, 0xFF, ..] => (StrictUtf16BigEndian, 2),
        _ => (null, 0),
    };

    private static void ThrowIfContainsNul(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Contains((byte)0))
        {
            throw BinaryFile(path);
        }
    }

    private static DocumentLoadException BinaryFile(string path) =>
        new($"{path}: looks like a binary file, not text (it contains NUL bytes). If it is text, save it as UTF-8 "
            + "and load it again; otherwise leave it out of the sources.");
}
