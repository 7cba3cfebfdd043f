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
/// Never throws: malformed input is a <see langword="null"/> result.
/// </remarks>
internal sealed class LenientJsonReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<StructuredDiagnostic> _repairs = [];
    private readonly HashSet<JsonNode> _incomplete = new(ReferenceEqualityComparer.Instance);
    private int _pos;
    private int _depth;

    private LenientJsonReader(string text, int start)
    {
        _text = text;
        _pos = start;
    }

    /// <summary>Reads the object or array that starts at <paramref name="start"/>; null when it is not readable.</summary>
    public static ParsedCandidate? TryRead(string text, int start)
    {
        var reader = new LenientJsonReader(text, start);
        if (!reader.TryReadValue("$", out var value, out var partial) || partial || value is null)
        {
            return null;
        }

        return new ParsedCandidate(value, reader._repairs, reader._incomplete, reader._pos);
    }

    private bool AtEnd => _pos >= _text.Length;

    private void Repair(string path, StructuredRule rule, string message, string? before = null, string? after = null) =>
        _repairs.Add(new StructuredDiagnostic(path, rule, message, before, after));

    private bool TryReadValue(string path, out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        SkipTrivia(path);
        if (AtEnd)
        {
            partial = true;
            return true;
        }

        var c = _text[_pos];
        if (c is '{' or '[')
        {
            if (++_depth > MaxDepth)
            {
                return false;
            }

            var ok = c == '{' ? TryReadObject(path, out value) : TryReadArray(path, out value);
            _depth--;
            return ok;
        }

        if (IsQuote(c))
        {
            if (!TryReadString(path, isKey: false, out var text, out partial))
            {
                return false;
            }

            value = partial ? null : JsonValue.Create(text);
            return true;
        }

        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
        {
            return TryReadNumber(path, out value, out partial);
        }

        if (IsWordStart(c))
        {
            return TryReadWord(path, out value, out partial);
        }

        return false;
    }

    private bool TryReadObject(string path, out JsonNode? value)
    {
        var obj = new JsonObject();
        value = obj;
        _pos++;
        while (true)
        {
            SkipTrivia(path);
            if (AtEnd)
            {
                return Cut(obj);
            }

            var c = _text[_pos];
            if (c == '}')
            {
                _pos++;
                return true;
            }

            if (c == ',')
            {
                _pos++;
                Repair(path, StructuredRule.TrailingComma, "removed a doubled comma", ",,", ",");
                continue;
            }

            string key;
            if (IsQuote(c))
            {
                if (!TryReadString(path, isKey: true, out key, out var keyPartial))
                {
                    return false;
                }

                if (keyPartial)
                {
                    return Cut(obj);
                }
            }
            else if (IsWordStart(c))
            {
                var start = _pos;
                while (!AtEnd && (IsWordPart(_text[_pos]) || _text[_pos] == '-'))
                {
                    _pos++;
                }

                if (AtEnd)
                {
                    return Cut(obj);
                }

                key = _text[start.._pos];
                Repair(Child(path, key), StructuredRule.UnquotedKey, "quoted a bare key", key, JsonSerializer.Serialize(key));
            }
            else
            {
                return false;
            }

            SkipTrivia(path);
            if (AtEnd)
            {
                return Cut(obj);
            }

            if (_text[_pos] != ':')
            {
                return false;
            }

            _pos++;
            var childPath = Child(path, key);
            if (!TryReadValue(childPath, out var child, out var partial))
            {
                return false;
            }

            if (partial)
            {
                Repair(childPath, StructuredRule.Truncation, "left out a value the output cut off");
                return Cut(obj);
            }

            if (obj.TryGetPropertyValue(key, out var existing))
            {
                Repair(childPath, StructuredRule.DuplicateKey, "the key appears twice; kept the last value", existing?.ToJsonString(), child?.ToJsonString());
                obj.Remove(key);
            }

            obj[key] = child;
            if (!TryAfterMember(path, '}', out var cut))
            {
                return false;
            }

            if (cut)
            {
                return Cut(obj);
            }
        }
    }

    private bool TryReadArray(string path, out JsonNode? value)
    {
        var array = new JsonArray();
        value = array;
        _pos++;
        while (true)
        {
            SkipTrivia(path);
            if (AtEnd)
            {
                return Cut(array);
            }

            var c = _text[_pos];
            if (c == ']')
            {
                _pos++;
                return true;
            }

            if (c == ',')
            {
                _pos++;
                Repair(path, StructuredRule.TrailingComma, "removed a doubled comma", ",,", ",");
                continue;
            }

            var childPath = path + "[" + array.Count.ToString(CultureInfo.InvariantCulture) + "]";
            if (!TryReadValue(childPath, out var child, out var partial))
            {
                return false;
            }

            if (partial)
            {
                Repair(childPath, StructuredRule.Truncation, "left out an item the output cut off");
                return Cut(array);
            }

            array.Add(child);
            if (!TryAfterMember(path, ']', out var cut))
            {
                return false;
            }

            if (cut)
            {
                return Cut(array);
            }
        }
    }

    private bool TryAfterMember(string path, char close, out bool cut)
    {
        cut = false;
        SkipTrivia(path);
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
            SkipTrivia(path);
            if (!AtEnd && _text[_pos] == close)
            {
                Repair(path, StructuredRule.TrailingComma, "removed a trailing comma", ",", null);
            }

            return true;
        }

        if (IsQuote(c) || IsWordStart(c) || (close == ']' && (c is '{' or '[' or '-' || char.IsAsciiDigit(c))))
        {
            Repair(path, StructuredRule.MissingComma, "inserted a missing comma", null, ",");
            return true;
        }

        return false;
    }

    private bool Cut(JsonNode node)
    {
        _incomplete.Add(node);
        return true;
    }

    private bool TryReadString(string path, bool isKey, out string value, out bool partial)
    {
        var open = _text[_pos];
        var single = open is '\'' or '‘' or '’';
        if (open is not '"' and not '\'')
        {
            Repair(path, StructuredRule.SmartQuotes, "read typographic quotes as straight quotes", open.ToString(), "\"");
        }
        else if (open == '\'')
        {
            Repair(path, StructuredRule.SingleQuotes, "read a single-quoted string", "'", "\"");
        }

        _pos++;
        var builder = new StringBuilder();
        partial = false;
        while (true)
        {
            if (AtEnd)
            {
                partial = true;
                value = builder.ToString();
                return true;
            }

            var c = _text[_pos];
            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                {
                    _pos++;
                    partial = true;
                    value = builder.ToString();
                    return true;
                }

                if (!TryReadEscape(path, builder, out partial))
                {
                    value = "";
                    return false;
                }

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
                        Repair(path, StructuredRule.SmartQuotes, "read a typographic quote as a straight quote", c.ToString(), "\"");
                    }

                    _pos++;
                    value = builder.ToString();
                    return true;
                }

                if (c == open)
                {
                    Repair(path, StructuredRule.UnescapedQuote, "escaped a quote inside the string", c.ToString(), "\\" + c);
                }
            }
            else if (char.IsControl(c))
            {
                Repair(path, StructuredRule.RawControlCharacter, "escaped a raw control character inside the string", null, JsonSerializer.Serialize(c.ToString()));
            }

            builder.Append(c);
            _pos++;
        }
    }

    private bool TryReadEscape(string path, StringBuilder builder, out bool partial)
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
                if (_pos + 4 > _text.Length)
                {
                    _pos = _text.Length;
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
                Repair(path, StructuredRule.InvalidEscape, "read an invalid escape as the character it escapes", "\\" + e, e.ToString());
                builder.Append(e);
                return true;
        }
    }

    private bool IsClosingQuote(int after, bool isKey)
    {
        var j = SkipSpaces(after);
        if (j >= _text.Length)
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
            if (k >= _text.Length)
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
        while (end < _text.Length && IsWordPart(_text[end]))
        {
            end++;
        }

        var word = _text[start..end];
        if (LiteralValue(word, out _))
        {
            return true;
        }

        var next = SkipSpaces(end);
        return next < _text.Length && _text[next] == ':';
    }

    private bool TryReadNumber(string path, out JsonNode? value, out bool partial)
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

        if (IsWordPart(_text[_pos]) || _text[_pos] == ' ' && _pos + 1 < _text.Length && char.IsAsciiLetter(_text[_pos + 1]))
        {
            _pos = start;
            return TryReadBareText(path, out value, out partial);
        }

        var raw = _text[start.._pos];
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        try
        {
            value = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            value = decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? JsonValue.Create(exact) : JsonValue.Create(number);
            Repair(path, StructuredRule.UnquotedValue, "normalised a number JSON does not allow", raw, value.ToJsonString());
        }

        return true;
    }

    private bool TryReadWord(string path, out JsonNode? value, out bool partial)
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

        var word = _text[start.._pos];
        if (LiteralValue(word, out value))
        {
            if (word is not "true" and not "false" and not "null")
            {
                Repair(path, StructuredRule.PythonLiteral, "mapped a non-JSON literal", word, value?.ToJsonString() ?? "null");
            }

            return true;
        }

        _pos = start;
        return TryReadBareText(path, out value, out partial);
    }

    private bool TryReadBareText(string path, out JsonNode? value, out bool partial)
    {
        value = null;
        partial = false;
        var start = _pos;
        while (!AtEnd && _text[_pos] is not (',' or '}' or ']' or '\n' or '\r'))
        {
            _pos++;
        }

        if (AtEnd)
        {
            partial = true;
            return true;
        }

        var text = _text[start.._pos].TrimEnd();
        Repair(path, StructuredRule.UnquotedValue, "read a bare value as a string", text, JsonSerializer.Serialize(text));
        value = JsonValue.Create(text);
        return true;
    }

    private static bool LiteralValue(string word, out JsonNode? value)
    {
        value = null;
        switch (word)
        {
            case "true" or "True" or "TRUE":
                value = JsonValue.Create(true);
                return true;
            case "false" or "False" or "FALSE":
                value = JsonValue.Create(false);
                return true;
            case "null" or "None" or "NULL" or "Null" or "undefined" or "nil" or "NaN" or "Infinity":
                return true;
            default:
                return false;
        }
    }

    private void SkipTrivia(string path)
    {
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (StartsWith(_pos, "//") || (c == '#' && _pos + 1 < _text.Length && _text[_pos + 1] == ' '))
            {
                var end = _text.IndexOf('\n', _pos);
                Repair(path, StructuredRule.Comment, "removed a comment", _text[_pos..(end < 0 ? _text.Length : end)].TrimEnd(), null);
                _pos = end < 0 ? _text.Length : end + 1;
            }
            else if (StartsWith(_pos, "/*"))
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                Repair(path, StructuredRule.Comment, "removed a comment", _text[_pos..(end < 0 ? _text.Length : end + 2)], null);
                _pos = end < 0 ? _text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private int SkipSpaces(int position)
    {
        while (position < _text.Length && char.IsWhiteSpace(_text[position]))
        {
            position++;
        }

        return position;
    }

    private bool StartsWith(int position, string value) => _text.AsSpan(position).StartsWith(value, StringComparison.Ordinal);

    private static string Child(string path, string key) =>
        key.Length > 0 && key.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? path + "." + key : path + "[" + JsonSerializer.Serialize(key) + "]";

    internal static string ChildPath(string path, string key) => Child(path, key);

    internal static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’';

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
}
