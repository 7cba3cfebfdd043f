using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// The fast path for the common case: the text (or the one fence in it) is strict JSON that already fits the schema
/// exactly, so no repair or coercion would be made. It reads the text with System.Text.Json and checks it in place;
/// anything else (a syntax error, a value that needs any repair or coercion) goes to the lenient path.
/// </summary>
/// <remarks>
/// The value it returns is a <see cref="JsonNode"/> over the parsed document, materialised only as it is read,
/// which is what keeps valid input within System.Text.Json's own time and allocations.
/// </remarks>
internal static class ExactJsonFastPath
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>The value, when the text is strict JSON (or one fence of it) that fits the schema as it is; otherwise null.</summary>
    /// <param name="text">The raw model output.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="policy">The policy (a fence is taken out only when it allows extraction).</param>
    /// <param name="strict">
    /// When the text is strict JSON that does not fit as it is (it needs coercion): the value read, as the one candidate
    /// the lenient path would find, so that it is not read a second time; otherwise null.
    /// </param>
    public static StructuredResult? TryParse(string text, SchemaNode schema, StructuredPolicy policy, out ParsedCandidate? strict)
    {
        strict = null;
        if (!schema.Allows(SchemaTypes.Object) && !schema.Allows(SchemaTypes.Array))
        {
            return null;
        }

        var span = text.AsSpan();
        var start = span.IndexOfAnyExcept(" \t\r\n");
        if (start < 0)
        {
            return null;
        }

        var end = span.LastIndexOfAnyExcept(" \t\r\n") + 1;
        if (span[start] is '{' or '[')
        {
            return TryParseValue(text.AsMemory(start, end - start), schema, [], end, out strict);
        }

        if (span[start] == '`' && Fenced(text, start, end, out var body) && policy.IsAllowed(StructuredRule.Extraction))
        {
            return TryParseValue(body, schema, [new StructuredDiagnostic("$", StructuredRule.Extraction, "took the value out of a Markdown fence", null, null)], end, out strict);
        }

        return null;
    }

    /// <summary>Whether the text is one fence (```json … ```) and nothing else, with <paramref name="body"/> its content.</summary>
    private static bool Fenced(string text, int start, int end, out ReadOnlyMemory<char> body)
    {
        body = default;
        var span = text.AsSpan(start, end - start);
        var ticks = span.IndexOfAnyExcept('`');
        if (ticks < 3 || span.Length < 2 * ticks + 1 || span[^ticks..].ContainsAnyExcept('`') || span[^(ticks + 1)] == '`')
        {
            return false;
        }

        var newline = span.IndexOf('\n');
        if (newline < 0 || span[ticks..newline].Contains('`'))
        {
            return false;
        }

        var inner = span[(newline + 1)..^ticks];
        var innerStart = inner.IndexOfAnyExcept(" \t\r\n");
        if (innerStart < 0 || inner[innerStart] is not '{' and not '[' || inner.IndexOf("\n```".AsSpan()) is var close && close >= 0 && close < inner.LastIndexOfAnyExcept(" \t\r\n"))
        {
            return false;
        }

        var innerEnd = inner.LastIndexOfAnyExcept(" \t\r\n") + 1;
        body = text.AsMemory(start + newline + 1 + innerStart, innerEnd - innerStart);
        return true;
    }

    private static StructuredResult? TryParseValue(ReadOnlyMemory<char> json, SchemaNode schema, List<StructuredDiagnostic> repairs, int end, out ParsedCandidate? strict)
    {
        strict = null;
        if (TryParseStrict(json.Span) is not { } root)
        {
            return null;
        }

        if (!Fits(root, schema, 0, asCoerced: false, cut: 0))
        {
            strict = new ParsedCandidate(AsNode(root), [.. repairs], end, 0) { Element = root };
            return null;
        }

        return new StructuredResult(AsNode(root), repairs, []);
    }

    /// <summary>A node over a parsed value, materialised only as it is read.</summary>
    internal static JsonNode? AsNode(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(value)!,
        JsonValueKind.Array => JsonArray.Create(value)!,
        _ => JsonValue.Create(value),
    };

    /// <summary>
    /// Whether <see cref="SchemaCoercer.Coerce"/> would return the value as it is, with no repair, coercion or error: also
    /// false for what only the coercer checks (a one-key wrapper it may unwrap, nesting past its depth limit).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="schema">The schema it must fit.</param>
    /// <param name="depth">How deep the coercer is when it reaches the value (its depth limit counts from the root).</param>
    internal static bool FitsAsCoerced(JsonElement value, SchemaNode schema, int depth) => Fits(value, schema, depth, asCoerced: true, cut: 0);

    /// <summary>
    /// Whether <see cref="SchemaCoercer.Coerce"/>, reading a prefix of a stream, would return the value as it is: as
    /// <see cref="FitsAsCoerced"/>, except that the <paramref name="cutDepth"/> containers the text cut off (the root and
    /// its last members down) may still lack required properties and items.
    /// </summary>
    internal static bool FitsAsPartial(JsonElement value, SchemaNode schema, int cutDepth) => Fits(value, schema, 0, asCoerced: true, cutDepth);

    /// <summary>
    /// The text as a value, when it is strict JSON. Validated with <see cref="Utf8JsonReader"/> over pooled UTF-8 first:
    /// a failed <see cref="JsonElement.Parse(ReadOnlySpan{char}, JsonDocumentOptions)"/> would still have allocated buffers
    /// the size of the text, which the malformed documents the lenient path reads next would pay for every time.
    /// </summary>
    private static JsonElement? TryParseStrict(ReadOnlySpan<char> json)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            // A lone surrogate is not transcoded (System.Text.Json would refuse it too); the lenient path reads it.
            if (Utf8.FromUtf16(json, utf8, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done || !IsValid(utf8.AsSpan(0, length)))
            {
                return null;
            }

            return JsonElement.Parse(utf8.AsSpan(0, length), Options);
        }
        catch (JsonException)
        {
            // A duplicate property, which only the document checks.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the value fits the schema as it is, with no repair or coercion the lenient path would make; the value and
    /// <paramref name="cut"/> - 1 of its last members down were cut off by the end of a stream's prefix when <paramref name="cut"/> &gt; 0.
    /// </summary>
    private static bool Fits(JsonElement value, SchemaNode schema, int depth, bool asCoerced, int cut)
    {
        if (asCoerced && depth > SchemaCoercer.MaxDepth)
        {
            return false;
        }

        if (schema.AnyOf is not null)
        {
            foreach (var branch in schema.AnyOf)
            {
                if (Fits(value, branch, depth + 1, asCoerced, cut))
                {
                    return true;
                }
            }

            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => schema.Allows(SchemaTypes.Object) && schema.Enum is null && FitsObject(value, schema, depth, asCoerced, cut),
            JsonValueKind.Array => schema.Allows(SchemaTypes.Array) && schema.Enum is null && FitsArray(value, schema, depth, asCoerced, cut),
            JsonValueKind.String => schema.Allows(SchemaTypes.String) && FitsString(value, schema),
            JsonValueKind.Number => FitsNumber(value, schema),
            JsonValueKind.True or JsonValueKind.False => schema.Allows(SchemaTypes.Boolean) && schema.Enum is null,
            JsonValueKind.Null => schema.Allows(SchemaTypes.Null),
            _ => false,
        };
    }

    private static bool FitsObject(JsonElement value, SchemaNode schema, int depth, bool asCoerced, int cut)
    {
        if (asCoerced && MayUnwrap(value, schema))
        {
            return false;
        }

        var properties = schema.Utf8Properties;
        var required = 0;
        var position = 0;
        var last = cut > 0 ? value.GetPropertyCount() - 1 : -1;
        foreach (var member in value.EnumerateObject())
        {
            var memberCut = position == last ? cut - 1 : 0;
            var index = Find(member, properties, position++);
            if (index < 0)
            {
                if (!schema.AllowsExtraProperties || SchemaCoercer.MatchesAnyProperty(member.Name, schema))
                {
                    return false;
                }

                continue;
            }

            var property = properties[index].Schema;
            if (member.Value.ValueKind == JsonValueKind.Null && !property.Allows(SchemaTypes.Null) && property.AnyOf is null)
            {
                return false;
            }

            if (!Fits(member.Value, property, depth + 1, asCoerced, memberCut))
            {
                return false;
            }

            required += properties[index].Required ? 1 : 0;
        }

        return required == schema.Required.Count || cut > 0;
    }

    /// <summary>The declared property a member names; tried first at the member's own position, as models mostly keep the schema's order.</summary>
    private static int Find(JsonProperty member, (byte[] Name, string Key, SchemaNode Schema, bool Required)[] properties, int position)
    {
        if (position < properties.Length && member.NameEquals(properties[position].Name))
        {
            return position;
        }

        for (var i = 0; i < properties.Length; i++)
        {
            if (i != position && member.NameEquals(properties[i].Name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the object has the shape <see cref="SchemaCoercer"/> tries to unwrap: one key, not a declared property, holding an object.</summary>
    private static bool MayUnwrap(JsonElement value, SchemaNode schema)
    {
        if (schema.Properties.Count == 0 || value.GetPropertyCount() != 1)
        {
            return false;
        }

        foreach (var member in value.EnumerateObject())
        {
            return member.Value.ValueKind == JsonValueKind.Object && !SchemaCoercer.MatchesAnyProperty(member.Name, schema);
        }

        return false;
    }

    private static bool FitsArray(JsonElement value, SchemaNode schema, int depth, bool asCoerced, int cut)
    {
        var count = value.GetArrayLength();
        if (count < schema.MinItems && cut == 0 || count > schema.MaxItems)
        {
            return false;
        }

        if (schema.Items is null)
        {
            return true;
        }

        var position = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (!Fits(item, schema.Items, depth + 1, asCoerced, ++position == count ? Math.Max(cut - 1, 0) : 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FitsString(JsonElement value, SchemaNode schema)
    {
        if (schema.Enum is not null)
        {
            foreach (var name in schema.Utf8EnumStrings)
            {
                if (value.ValueEquals(name))
                {
                    return true;
                }
            }

            return false;
        }

        return !schema.ChecksStrings || StringFormats.Check(value.GetString()!, schema) is null;
    }

    private static bool FitsNumber(JsonElement value, SchemaNode schema)
    {
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return false;
        }

        if (!schema.Allows(SchemaTypes.Number))
        {
            if (!schema.Allows(SchemaTypes.Integer) || !value.TryGetInt64(out var whole) || Math.Abs(whole) > 9e15)
            {
                return false;
            }
        }

        if (schema.Minimum is { } min && number < min || schema.Maximum is { } max && number > max
            || schema.ExclusiveMinimum is { } emin && number <= emin || schema.ExclusiveMaximum is { } emax && number >= emax)
        {
            return false;
        }

        if (schema.Enum is not null)
        {
            foreach (var option in schema.Enum)
            {
                if (option is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() == number)
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }
}
