using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// The writing pass: the value is written as strict JSON to a pooled buffer with <see cref="Utf8JsonWriter"/> and parsed by
/// System.Text.Json, so that a large value costs a document rather than a node per value. What it does not handle stops
/// it (<see cref="Unsupported"/>), and the value is read again as a tree. A value the text cuts off is written without
/// the part that was cut (<see cref="Unwrite"/>) and its open containers closed, as the tree leaves them.
/// </summary>
internal sealed partial class LenientJsonReader
{
    /// <summary>The most members an object may have for the duplicate-key check of the writing pass; a bigger one is built as a tree.</summary>
    private const int MaxWrittenMembers = 64;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth + 8 };

    private static ParsedCandidate? TryWrite(string text, int start, int end, out bool unsupported)
    {
        using var buffer = new PooledByteBufferWriter(Math.Min(end - start, 1 << 20) + 256);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        var reader = new LenientJsonReader(text, start, end, writer, buffer);
        bool read;
        try
        {
            read = reader.TryReadValue(null, out _, out var partial) && !partial;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Text Utf8JsonWriter cannot encode (a lone surrogate); the tree keeps it as it is.
            unsupported = true;
            return null;
        }

        unsupported = reader._unsupported;
        if (!read || unsupported)
        {
            return null;
        }

        writer.Flush();
        JsonElement element;
        try
        {
            element = JsonElement.Parse(buffer.WrittenSpan, DocumentOptions);
        }
        catch (JsonException)
        {
            unsupported = true;
            return null;
        }

        return new ParsedCandidate(ExactJsonFastPath.AsNode(element), DiagnosticList.Of(reader._repairs), reader._pos, reader._cutDepth) { Element = element };
    }

    /// <summary>Where the next value will be written (before the comma that separates it), for <see cref="Unwrite"/>.</summary>
    private long Mark() => _writer is null ? 0 : _writer.BytesCommitted + _writer.BytesPending;

    /// <summary>
    /// Takes back what was written since <paramref name="mark"/>: a member or item the text cut off, whose key or start
    /// was already written. Only the closing of the open containers is written after it (the text has ended), so the
    /// writer's own count of what it wrote, which this leaves behind, is not read again.
    /// </summary>
    private void Unwrite(long mark)
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Flush();
        _output!.Truncate((int)mark);
    }

    /// <summary>Stops the writing pass: what it met is read as a tree instead.</summary>
    private bool Unsupported()
    {
        _unsupported = true;
        return false;
    }

    /// <summary>Writes a member's key; a key the object already has (a repair that needs the earlier value) stops the writing pass.</summary>
    private bool TryWriteKey(string key, int frame)
    {
        if (_memberKeys.Count - frame >= MaxWrittenMembers)
        {
            return Unsupported();
        }

        for (var i = frame; i < _memberKeys.Count; i++)
        {
            if (string.Equals(_memberKeys[i], key, StringComparison.Ordinal))
            {
                return Unsupported();
            }
        }

        _memberKeys.Add(key);
        _writer!.WritePropertyName(key);
        return true;
    }
}
