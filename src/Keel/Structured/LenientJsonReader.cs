using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// A tolerant JSON reader for model output: it repairs what models break (quotes, commas, comments,
/// literals, control characters, truncation) and records each repair.
/// </summary>
/// <remarks>
/// Hand-written on purpose: System.Text.Json rejects all of this, and the repair libraries that exist
/// (jsonrepair ports, BAML's parser) neither report each repair with its path nor leave truncated
/// values out instead of guessing them, which is what lets the schema step refuse a silent wrong value.
/// One pass over the text, in one of two modes: writing strict JSON for System.Text.Json to parse (see
/// LenientJsonReader.Writing.cs), or building a <see cref="JsonNode"/> tree, where strings are sliced, not built, unless
/// they hold escapes or repairs, and numbers are parsed together in one document at the end. The JSON path is kept as a
/// stack; a repair records a link into it (<see cref="RepairLog"/>), written out as a path only when read.
/// Never throws: malformed input is a <see langword="null"/> result.
/// </remarks>
internal sealed partial class LenientJsonReader
{
    private const int MaxDepth = 64;

    private static readonly SearchValues<char> StringSpecials = SearchValues.Create(
        "\"'“”‘’\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    private readonly string _text;
    private readonly int _end;
    private readonly RepairLog _repairs = new();
    private readonly List<(string? Key, int Index, int Node)> _path = [];
    private readonly List<(JsonNode Parent, JsonNode Placeholder, string? Key, int Index, int Start, int Length)> _numbers = [];
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RepairLog.BareKey> _bareKeys = new(StringComparer.Ordinal);
    private readonly Utf8JsonWriter? _writer;
    private readonly PooledByteBufferWriter? _output;
    private readonly List<string> _memberKeys = [];
    private bool _unsupported;
    private int _cutDepth;
    private StringBuilder? _builder;
    private int _pos;

    private LenientJsonReader(string text, int start, int end, Utf8JsonWriter? writer = null, PooledByteBufferWriter? output = null)
    {
        _text = text;
        _end = end;
        _pos = start;
        _writer = writer;
        _output = output;
    }

    /// <summary>Reads the object or array that starts at <paramref name="start"/>; null when it is not readable.</summary>
    /// <remarks>
    /// First as strict JSON written to a pooled buffer and parsed by System.Text.Json, which costs no node per value; a value
    /// that pass does not handle (a duplicate key, a number JSON does not allow, a very large object) is read again as a
    /// <see cref="JsonNode"/> tree. Both read the same way and record the same repairs.
    /// </remarks>
    public static ParsedCandidate? TryRead(string text, int start) => TryRead(text, start, text.Length);

    /// <summary>Reads the object or array that starts at <paramref name="start"/>, as if the text ended at <paramref name="end"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Where the value starts.</param>
    /// <param name="end">Where the text is taken to end.</param>
    public static ParsedCandidate? TryRead(string text, int start, int end) =>
        TryWrite(text, start, end, out var unsupported) is { } written ? written : unsupported ? TryBuild(text, start, end) : null;

    /// <summary>Reads the value as a <see cref="JsonNode"/> tree only (what <see cref="TryRead(string, int, int)"/> falls back to).</summary>
    internal static ParsedCandidate? TryBuild(string text, int start, int end)
    {
        var reader = new LenientJsonReader(text, start, end);
        if (!reader.TryReadValue(null, out var value, out var partial) || partial || value is null || !reader.TryPlaceNumbers())
        {
            return null;
        }

        return new ParsedCandidate(value, DiagnosticList.Of(reader._repairs), reader._pos, reader._cutDepth);
    }

    /// <summary>The JSON path of a member: <c>$.a.key</c>, or <c>$.a["odd key"]</c>. The one place paths are written, for the reader, its log and the coercer.</summary>
    internal static string ChildPath(string path, string key) =>
        IsPlainKey(key) ? path + "." + key : path + "[" + JsonSerializer.Serialize(key) + "]";

    /// <summary>The JSON path of an item: <c>$.a[2]</c>.</summary>
    internal static string ItemPath(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Whether a key is written in a JSON path as <c>.key</c> rather than <c>["key"]</c>.</summary>
    internal static bool IsPlainKey(string key) => key.Length > 0 && key.AsSpan().IndexOfAnyExcept(KeyChars) < 0;

    internal static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’';

    private static readonly SearchValues<char> KeyChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private bool AtEnd => _pos >= _end;

    private string CurrentPath()
    {
        var path = "$";
        foreach (var (key, index, _) in _path)
        {
            path = key is null ? ItemPath(path, index) : ChildPath(path, key);
        }

        return path;
    }

    private void Repair(StructuredRule rule, string message, string? before = null, string? after = null) =>
        _repairs.Add(new StructuredDiagnostic(CurrentPath(), rule, message, before, after));

    /// <summary>Records one of the frequent repairs at the current path, written out only when it is read.</summary>
    private void Repair(RepairLog.Kind kind, RepairLog.BareKey? key = null) => _repairs.Add(kind, PathNode(), key);

    /// <summary>The current path as a node of the log (-1 for <c>$</c>), adding the steps the log does not have yet.</summary>
    private int PathNode()
    {
        var known = _path.Count - 1;
        while (known >= 0 && _path[known].Node < 0)
        {
            known--;
        }

        var node = known < 0 ? -1 : _path[known].Node;
        for (var i = known + 1; i < _path.Count; i++)
        {
            var (key, index, _) = _path[i];
            node = _repairs.AddPath(node, key, index);
            _path[i] = (key, index, node);
        }

        return node;
    }

    /// <summary>
    /// Reads a value; <paramref name="parent"/> is the container it goes into, for numbers placed at the end.
    /// <paramref name="partial"/> when the text ends inside a string, number or literal, which is then left out.
    /// </summary>
    private bool TryReadValue(JsonNode? parent, out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        SkipTrivia();
        if (AtEnd)
        {
            partial = true;
            return true;
        }

        var c = _text[_pos];
        if (c is '{' or '[')
        {
            if (_path.Count >= MaxDepth)
            {
                return false;
            }

            return TryReadContainer(c == '{', out value);
        }

        if (IsQuote(c))
        {
            if (!TryReadString(isKey: false, out var text, out partial))
            {
                return false;
            }

            value = partial || _writer is not null ? null : JsonValue.Create(text);
            return true;
        }

        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
        {
            return TryReadNumber(parent, out value, out partial);
        }

        if (IsWordStart(c))
        {
            return TryReadWord(out value, out partial);
        }

        return false;
    }

    private bool TryReadContainer(bool isObject, out JsonNode? value)
    {
        JsonNode? container = _writer is not null ? null : isObject ? new JsonObject() : new JsonArray();
        value = container;
        var close = isObject ? '}' : ']';
        var frame = _memberKeys.Count;
        var count = 0;
        if (isObject)
        {
            _writer?.WriteStartObject();
        }
        else
        {
            _writer?.WriteStartArray();
        }

        _pos++;
        while (true)
        {
            SkipTrivia();
            if (AtEnd)
            {
                return Cut(isObject, frame);
            }

            var c = _text[_pos];
            if (c == close)
            {
                _pos++;
                Close(isObject, frame);
                return true;
            }

            if (c == ',')
            {
                _pos++;
                Repair(RepairLog.Kind.DoubledComma);
                continue;
            }

            var member = isObject ? TryReadMember((JsonObject?)container, frame) : TryReadItem((JsonArray?)container, count);
            if (member != Outcome.Read)
            {
                return member == Outcome.Cut && Cut(isObject, frame);
            }

            count++;

            if (!TryAfterMember(close, out var cut))
            {
                return false;
            }

            if (cut)
            {
                return Cut(isObject, frame);
            }
        }
    }

    private enum LiteralKind
    {
        None,
        True,
        False,
        Null,
    }

    private enum Outcome
    {
        Read,
        Cut,
        Failed,
    }

    private Outcome TryReadMember(JsonObject? obj, int frame)
    {
        if (!TryReadKey(out var key, out var keyCut))
        {
            return Outcome.Failed;
        }

        if (keyCut)
        {
            return Outcome.Cut;
        }

        SkipTrivia();
        if (AtEnd)
        {
            return Outcome.Cut;
        }

        if (_text[_pos] != ':')
        {
            return Outcome.Failed;
        }

        _pos++;
        var mark = Mark();
        if (_writer is not null && !TryWriteKey(key, frame))
        {
            return Outcome.Failed;
        }

        _path.Add((key, 0, -1));
        try
        {
            if (!TryReadValue(obj, out var child, out var partial))
            {
                return Outcome.Failed;
            }

            if (partial)
            {
                Repair(StructuredRule.Truncation, "left out a value the output cut off");
                Unwrite(mark);
                return Outcome.Cut;
            }

            if (obj is null)
            {
                return Outcome.Read;
            }

            if (obj.TryGetPropertyValue(key, out var existing))
            {
                Repair(StructuredRule.DuplicateKey, "the key appears twice; kept the last value", existing?.ToJsonString(), child?.ToJsonString());
                obj.Remove(key);
            }

            obj[key] = child;
            return Outcome.Read;
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private Outcome TryReadItem(JsonArray? array, int index)
    {
        _path.Add((null, index, -1));
        var mark = Mark();
        try
        {
            if (!TryReadValue(array, out var child, out var partial))
            {
                return Outcome.Failed;
            }

            if (partial)
            {
                Repair(StructuredRule.Truncation, "left out an item the output cut off");
                Unwrite(mark);
                return Outcome.Cut;
            }

            array?.Add(child);
            return Outcome.Read;
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private bool TryReadKey(out string key, out bool cut)
    {
        key = "";
        cut = false;
        var c = _text[_pos];
        if (IsQuote(c))
        {
            if (!TryReadString(isKey: true, out key, out cut))
            {
                return false;
            }

            return true;
        }

        if (!IsWordStart(c))
        {
            return false;
        }

        var start = _pos;
        while (!AtEnd && (IsWordPart(_text[_pos]) || _text[_pos] == '-'))
        {
            _pos++;
        }

        if (AtEnd)
        {
            cut = true;
            return true;
        }

        key = Intern(_text.AsSpan(start, _pos - start));
        _path.Add((key, 0, -1));
        if (!_bareKeys.TryGetValue(key, out var bare))
        {
            _bareKeys[key] = bare = new RepairLog.BareKey(key, "\"" + key + "\"");
        }

        Repair(RepairLog.Kind.UnquotedKey, bare);
        _path.RemoveAt(_path.Count - 1);
        return true;
    }

    private string Intern(ReadOnlySpan<char> key)
    {
        var lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var known))
        {
            return known;
        }

        var text = key.ToString();
        _keys[text] = text;
        return text;
    }

    private bool TryAfterMember(char close, out bool cut)
    {
        cut = false;
        SkipTrivia();
        if (AtEnd)
        {
            cut = true;
            return true;
        }

        var c = _text[_pos];
        if (c == close)
        {
            return true;
        }

        if (c == ',')
        {
            _pos++;
            SkipTrivia();
            if (!AtEnd && _text[_pos] == close)
            {
                Repair(RepairLog.Kind.TrailingComma);
            }

            return true;
        }

        if (IsQuote(c) || IsWordStart(c) || (close == ']' && (c is '{' or '[' or '-' || char.IsAsciiDigit(c))))
        {
            Repair(RepairLog.Kind.MissingComma);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Closes a container the text ended in. Text is cut off only at its end, so the containers cut are the ones still
    /// open there: the root and its last members down to this one, counted in <see cref="_cutDepth"/>.
    /// </summary>
    private bool Cut(bool isObject, int frame)
    {
        _cutDepth++;
        Close(isObject, frame);
        return true;
    }

    /// <summary>Ends a container in the writing pass (the tree's container needs nothing more).</summary>
    private void Close(bool isObject, int frame)
    {
        if (_writer is null)
        {
            return;
        }

        _memberKeys.RemoveRange(frame, _memberKeys.Count - frame);
        if (isObject)
        {
            _writer.WriteEndObject();
        }
        else
        {
            _writer.WriteEndArray();
        }
    }

    private bool TryReadString(bool isKey, out string value, out bool partial)
    {
        var open = _text[_pos];
        var single = open is '\'' or '‘' or '’';
        if (open is not '"' and not '\'')
        {
            Repair(StructuredRule.SmartQuotes, "read typographic quotes as straight quotes", open.ToString(), "\"");
        }
        else if (open == '\'')
        {
            Repair(RepairLog.Kind.SingleQuotes);
        }

        _pos++;
        var start = _pos;
        StringBuilder? builder = null;
        partial = false;
        while (true)
        {
            var next = _text.AsSpan(_pos, _end - _pos).IndexOfAny(StringSpecials);
            if (next < 0)
            {
                _pos = _end;
                partial = true;
                value = Finish(builder, start, isKey);
                return true;
            }

            _pos += next;
            var c = _text[_pos];
            if (c == '\\')
            {
                builder = Flush(builder, start);
                if (_pos + 1 >= _end)
                {
                    _pos++;
                    partial = true;
                    value = builder.ToString();
                    return true;
                }

                if (!TryReadEscape(builder, out partial))
                {
                    value = "";
                    return false;
                }

                start = _pos;
                if (partial)
                {
                    value = builder.ToString();
                    return true;
                }

                continue;
            }

            if (IsQuote(c) && (single ? c is '\'' or '‘' or '’' : c is '"' or '“' or '”'))
            {
                if (IsClosingQuote(_pos + 1, isKey))
                {
                    if (c != open && c is not '"' and not '\'')
                    {
                        Repair(StructuredRule.SmartQuotes, "read a typographic quote as a straight quote", c.ToString(), "\"");
                    }

                    value = Finish(builder, start, isKey);
                    _pos++;
                    return true;
                }

                if (c == open)
                {
                    Repair(StructuredRule.UnescapedQuote, "escaped a quote inside the string", c.ToString(), "\\" + c);
                }
            }
            else if (char.IsControl(c))
            {
                Repair(StructuredRule.RawControlCharacter, "escaped a raw control character inside the string", null, JsonSerializer.Serialize(c.ToString()));
            }

            _pos++;
        }
    }

    /// <summary>Appends the text read since <paramref name="start"/> to the (shared) builder, starting one if needed.</summary>
    private StringBuilder Flush(StringBuilder? builder, int start)
    {
        if (builder is null)
        {
            builder = _builder ??= new StringBuilder();
            builder.Clear();
        }

        return builder.Append(_text, start, _pos - start);
    }

    /// <summary>The string read; in the writing pass a value is written instead and the empty string returned.</summary>
    private string Finish(StringBuilder? builder, int start, bool isKey)
    {
        if (builder is not null)
        {
            var built = Flush(builder, start).ToString();
            if (_writer is not null && !isKey)
            {
                _writer.WriteStringValue(built);
                return "";
            }

            return built;
        }

        var span = _text.AsSpan(start, _pos - start);
        if (isKey)
        {
            return Intern(span);
        }

        if (_writer is not null)
        {
            _writer.WriteStringValue(span);
            return "";
        }

        return span.ToString();
    }

    private bool TryReadEscape(StringBuilder builder, out bool partial)
    {
        partial = false;
        var e = _text[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '"' or '\\' or '/':
                builder.Append(e);
                return true;
            case 'b':
                builder.Append('\b');
                return true;
            case 'f':
                builder.Append('\f');
                return true;
            case 'n':
                builder.Append('\n');
                return true;
            case 'r':
                builder.Append('\r');
                return true;
            case 't':
                builder.Append('\t');
                return true;
            case 'u':
                if (_pos + 4 > _end)
                {
                    _pos = _end;
                    partial = true;
                    return true;
                }

                if (!int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    return false;
                }

                builder.Append((char)code);
                _pos += 4;
                return true;
            default:
                Repair(StructuredRule.InvalidEscape, "read an invalid escape as the character it escapes", "\\" + e, e.ToString());
                builder.Append(e);
                return true;
        }
    }

    private bool IsClosingQuote(int after, bool isKey)
    {
        var j = SkipSpaces(after);
        if (j >= _end)
        {
            return true;
        }

        var c = _text[j];
        if (isKey)
        {
            return c is ':' or '}' or ',';
        }

        if (c is '}' or ']' or ':' || IsQuote(c) || StartsWith(j, "//") || StartsWith(j, "/*") || StartsWith(j, "```") || StartsWith(j, "</"))
        {
            return true;
        }

        if (c == ',')
        {
            var k = SkipSpaces(j + 1);
            if (k >= _end)
            {
                return true;
            }

            var d = _text[k];
            if (IsQuote(d) || d is '{' or '[' or '}' or ']' or '-' || char.IsAsciiDigit(d) || StartsWith(k, "//"))
            {
                return true;
            }

            return IsWordStart(d) && IsKeyOrLiteralAt(k);
        }

        return IsWordStart(c) && IsKeyOrLiteralAt(j) && _text.AsSpan(after, j - after).Contains('\n');
    }

    private bool IsKeyOrLiteralAt(int start)
    {
        var end = start;
        while (end < _end && IsWordPart(_text[end]))
        {
            end++;
        }

        if (Literal(_text.AsSpan(start, end - start)) != LiteralKind.None)
        {
            return true;
        }

        var next = SkipSpaces(end);
        return next < _end && _text[next] == ':';
    }

    private bool TryReadNumber(JsonNode? parent, out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        var start = _pos;
        while (!AtEnd && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _pos++;
        }

        if (AtEnd)
        {
            partial = true;
            return true;
        }

        if (IsWordPart(_text[_pos]) || _text[_pos] == ' ' && _pos + 1 < _end && char.IsAsciiLetter(_text[_pos + 1]))
        {
            _pos = start;
            return TryReadBareText(out value, out partial);
        }

        var raw = _text.AsSpan(start, _pos - start);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        if (_writer is not null)
        {
            if (!IsJsonNumber(raw))
            {
                return Unsupported();
            }

            _writer.WriteRawValue(raw, skipInputValidation: true);
            return true;
        }

        if (IsJsonNumber(raw) && parent is null)
        {
            value = JsonNode.Parse(raw.ToString());
            return true;
        }

        if (IsJsonNumber(raw) && parent is not null)
        {
            // A placeholder until TryPlaceNumbers parses every number of the value in one document.
            value = JsonValue.Create(number);
            _numbers.Add((parent, value, _path[^1].Key, _path[^1].Index, start, raw.Length));
            return true;
        }

        value = decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? JsonValue.Create(exact) : JsonValue.Create(number);
        Repair(StructuredRule.UnquotedValue, "normalised a number JSON does not allow", raw.ToString(), value.ToJsonString());
        return true;
    }

    /// <summary>
    /// Replaces the placeholder numbers with values over one parsed document of all of them, so that each keeps
    /// its exact text (<c>42.0</c> stays distinguishable from <c>42</c>) without a document per number.
    /// </summary>
    private bool TryPlaceNumbers()
    {
        if (_numbers.Count == 0)
        {
            return true;
        }

        var builder = new StringBuilder(_numbers.Count * 8).Append('[');
        foreach (var (_, _, _, _, start, length) in _numbers)
        {
            builder.Append(_text, start, length).Append(',');
        }

        builder[^1] = ']';
        JsonElement all;
        try
        {
            all = JsonElement.Parse(builder.ToString());
        }
        catch (JsonException)
        {
            return false;
        }

        var i = 0;
        foreach (var element in all.EnumerateArray())
        {
            var (parent, placeholder, key, index, _, _) = _numbers[i++];
            if (key is not null && ReferenceEquals(parent[key], placeholder))
            {
                parent[key] = JsonValue.Create(element);
            }
            else if (key is null)
            {
                parent[index] = JsonValue.Create(element);
            }
        }

        return true;
    }

    private static bool IsJsonNumber(ReadOnlySpan<char> raw)
    {
        var i = raw.Length > 0 && raw[0] == '-' ? 1 : 0;
        if (i >= raw.Length || !char.IsAsciiDigit(raw[i]) || raw[i] == '0' && i + 1 < raw.Length && char.IsAsciiDigit(raw[i + 1]))
        {
            return false;
        }

        i = SkipDigits(raw, i);
        if (i < raw.Length && raw[i] == '.')
        {
            var digits = SkipDigits(raw, i + 1);
            if (digits == i + 1)
            {
                return false;
            }

            i = digits;
        }

        if (i < raw.Length && raw[i] is 'e' or 'E')
        {
            i++;
            if (i < raw.Length && raw[i] is '+' or '-')
            {
                i++;
            }

            var digits = SkipDigits(raw, i);
            if (digits == i)
            {
                return false;
            }

            i = digits;
        }

        return i == raw.Length;
    }

    private static int SkipDigits(ReadOnlySpan<char> raw, int i)
    {
        while (i < raw.Length && char.IsAsciiDigit(raw[i]))
        {
            i++;
        }

        return i;
    }

    private bool TryReadWord(out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        var start = _pos;
        while (!AtEnd && IsWordPart(_text[_pos]))
        {
            _pos++;
        }

        if (AtEnd)
        {
            partial = true;
            return true;
        }

        var word = _text.AsSpan(start, _pos - start);
        var literal = Literal(word);
        if (literal != LiteralKind.None)
        {
            if (word is not "true" and not "false" and not "null")
            {
                Repair(StructuredRule.PythonLiteral, "mapped a non-JSON literal", word.ToString(), literal switch { LiteralKind.True => "true", LiteralKind.False => "false", _ => "null" });
            }

            if (_writer is null)
            {
                value = literal == LiteralKind.Null ? null : JsonValue.Create(literal == LiteralKind.True);
            }
            else if (literal == LiteralKind.Null)
            {
                _writer.WriteNullValue();
            }
            else
            {
                _writer.WriteBooleanValue(literal == LiteralKind.True);
            }

            return true;
        }

        _pos = start;
        return TryReadBareText(out value, out partial);
    }

    private bool TryReadBareText(out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        var end = _text.AsSpan(_pos, _end - _pos).IndexOfAny(",}]\n\r");
        if (end < 0)
        {
            _pos = _end;
            partial = true;
            return true;
        }

        var text = _text.AsSpan(_pos, end).TrimEnd().ToString();
        _pos += end;
        Repair(StructuredRule.UnquotedValue, "read a bare value as a string", text, JsonSerializer.Serialize(text));
        if (_writer is null)
        {
            value = JsonValue.Create(text);
        }
        else
        {
            _writer.WriteStringValue(text);
        }

        return true;
    }

    private static LiteralKind Literal(ReadOnlySpan<char> word) => word switch
    {
        "true" or "True" or "TRUE" => LiteralKind.True,
        "false" or "False" or "FALSE" => LiteralKind.False,
        "null" or "None" or "NULL" or "Null" or "undefined" or "nil" or "NaN" or "Infinity" => LiteralKind.Null,
        _ => LiteralKind.None,
    };

    private void SkipTrivia()
    {
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (StartsWith(_pos, "//") || (c == '#' && _pos + 1 < _end && _text[_pos + 1] == ' '))
            {
                var end = _text.IndexOf('\n', _pos, _end - _pos);
                Repair(StructuredRule.Comment, "removed a comment", _text[_pos..(end < 0 ? _end : end)].TrimEnd(), null);
                _pos = end < 0 ? _end : end + 1;
            }
            else if (StartsWith(_pos, "/*"))
            {
                var end = _text.AsSpan(_pos + 2, _end - (_pos + 2)).IndexOf("*/", StringComparison.Ordinal) is var found && found >= 0 ? _pos + 2 + found : -1;
                Repair(StructuredRule.Comment, "removed a comment", _text[_pos..(end < 0 ? _end : end + 2)], null);
                _pos = end < 0 ? _end : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private int SkipSpaces(int position)
    {
        while (position < _end && char.IsWhiteSpace(_text[position]))
        {
            position++;
        }

        return position;
    }

    private bool StartsWith(int position, string value) => position <= _end && _text.AsSpan(position, _end - position).StartsWith(value, StringComparison.Ordinal);

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
}
