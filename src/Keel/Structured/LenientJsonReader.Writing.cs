using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// The writing pass: the value is written as strict JSON to a pooled buffer with <see cref="Utf8JsonWriter"/> and parsed by
/// System.Text.Json, so that a large value costs a document rather than a node per value. What it does not handle stops
/// it (<see cref="Unsupported"/>), and the value is read again as a tree.
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
        var reader = new LenientJsonReader(text, start, end, writer);
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

        JsonNode value = element.ValueKind == JsonValueKind.Object ? JsonObject.Create(element)! : JsonArray.Create(element)!;
        return new ParsedCandidate(value, DiagnosticList.Of(reader._repairs), reader._incomplete, reader._pos) { Element = element };
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
