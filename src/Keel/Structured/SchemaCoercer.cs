using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// Fits a leniently read value to a schema: coerces where the intent is unambiguous, and otherwise
/// reports an error. Never drops an item that fails, never fills a required value, never guesses.
/// </summary>
internal static class SchemaCoercer
{
    internal const int MaxDepth = 64;

    public static JsonNode? Coerce(JsonNode? value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            context.Error(path, StructuredRule.Type, "the value is nested too deeply");
            return null;
        }

        if (value is not null && context.Elements is { } elements && elements.TryGetValue(value, out var element))
        {
            if (ExactJsonFastPath.FitsAsCoerced(element, schema, depth))
            {
                return value;
            }

            value = Expand(element, elements);
        }

        if (schema.AnyOf is not null)
        {
            return CoerceAnyOf(value, schema, path, context, depth);
        }

        if (value is null)
        {
            if (schema.Allows(SchemaTypes.Null))
            {
                return null;
            }

            context.Error(path, StructuredRule.Type, $"expected {schema.Describe()}, got null", "null");
            return null;
        }

        var kind = value.GetValueKind();
        return kind switch
        {
            JsonValueKind.Object when schema.Allows(SchemaTypes.Object) => CoerceObject(value.AsObject(), schema, path, context, depth),
            JsonValueKind.Array when schema.Allows(SchemaTypes.Array) => CoerceArray(value.AsArray(), schema, path, context, depth),
            JsonValueKind.String => CoerceString(value, value.GetValue<string>(), schema, path, context, depth),
            JsonValueKind.Number => CoerceNumber(value, schema, path, context, depth),
            JsonValueKind.True or JsonValueKind.False => CoerceBoolean(value, schema, path, context, depth),
            _ => Mismatch(value, schema, path, context, depth),
        };
    }

    /// <summary>
    /// A container of a parsed document as a node of its own whose members are views over the document, each known to
    /// <paramref name="elements"/>: coercing a large value that needs one change then builds nodes for the containers
    /// on the way to it, not for every value (materialising the view itself would build them all).
    /// </summary>
    private static JsonNode? Expand(JsonElement element, Dictionary<JsonNode, JsonElement> elements)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var member in element.EnumerateObject())
                {
                    obj[member.Name] = View(member.Value, elements);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(View(item, elements));
                }

                return array;
            default:
                return ExactJsonFastPath.AsNode(element);
        }
    }

    private static JsonNode? View(JsonElement element, Dictionary<JsonNode, JsonElement> elements)
    {
        var node = ExactJsonFastPath.AsNode(element);
        if (node is not null && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            elements[node] = element;
        }

        return node;
    }

    private static JsonNode? CoerceAnyOf(JsonNode? value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        var fits = new List<(JsonNode? Value, CoercionContext Context)>(schema.AnyOf!.Count);
        foreach (var branch in schema.AnyOf)
        {
            if (value is not null && branch.Types == SchemaTypes.Null && branch.AnyOf is null)
            {
                continue;
            }

            var attempt = context.Branch();
            var result = Coerce(value, branch, path, attempt, depth + 1);
            if (attempt.Errors.Count == 0)
            {
                fits.Add((result, attempt));
            }
        }

        if (fits.Count == 0)
        {
            context.Error(path, StructuredRule.Type, $"matches none of: {schema.Describe()}", value?.ToJsonString() ?? "null");
            return null;
        }

        if (fits.Count == 1)
        {
            context.Merge(fits[0].Context);
            return fits[0].Value;
        }

        var exact = fits.Where(f => f.Context.Repairs.Count == 0).ToList();
        var chosen = exact.Count > 0 ? exact : fits;
        if (chosen.Skip(1).Any(f => !JsonNode.DeepEquals(f.Value, chosen[0].Value)))
        {
            context.Error(path, StructuredRule.Ambiguous, "the value fits more than one anyOf branch with different results", value?.ToJsonString() ?? "null");
            return null;
        }

        context.Merge(chosen[0].Context);
        return chosen[0].Value;
    }

    private static JsonNode? CoerceObject(JsonObject value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        if (TryUnwrap(value, schema, path, context, depth, out var unwrapped))
        {
            return unwrapped;
        }

        var incomplete = context.Incomplete.Contains(value);

        // Created at the first change, with the unchanged members before it; while null, the object fits as it is.
        List<KeyValuePair<string, JsonNode?>>? members = null;
        var index = -1;
        foreach (var (key, child) in value)
        {
            index++;
            var name = MatchProperty(key, schema);
            if (name is null)
            {
                if (schema.AllowsExtraProperties)
                {
                    members?.Add(new(key, child));
                }
                else
                {
                    members ??= Prefix(value, index);
                    context.Repair(path.Child(key), StructuredRule.ExtraProperty, "dropped a key the schema does not declare (additionalProperties: false)", Shorten(child?.ToJsonString() ?? "null"), null);
                }

                continue;
            }

            var childPath = path.Child(name);
            if (name != key)
            {
                members ??= Prefix(value, index);
                if (value.ContainsKey(name))
                {
                    context.Error(childPath, StructuredRule.Ambiguous, $"both '{key}' and '{name}' are present", key);
                    continue;
                }

                if (Has(members, name))
                {
                    context.Error(childPath, StructuredRule.Ambiguous, $"more than one key maps to '{name}'", key);
                    continue;
                }

                context.Repair(childPath, StructuredRule.KeyCase, "mapped the key to the declared property", key, name);
            }

            var property = schema.Properties[name];
            if (child is null && !property.Allows(SchemaTypes.Null) && property.AnyOf is null && !schema.Required.Contains(name))
            {
                members ??= Prefix(value, index);
                context.Repair(childPath, StructuredRule.NullOmitted, "left out null for an optional property that is not nullable", "null", null);
                continue;
            }

            var coerced = Coerce(child, property, childPath, context, depth + 1);
            if (members is null && !ReferenceEquals(coerced, child))
            {
                members = Prefix(value, index);
            }

            members?.Add(new(name, coerced));
        }

        var result = members is null ? value : new JsonObject(members.Select(m => new KeyValuePair<string, JsonNode?>(m.Key, Own(m.Value))));
        var missing = false;
        foreach (var name in schema.Required)
        {
            if ((members is null ? !value.ContainsKey(name) : !Has(members, name)) && !(incomplete && context.Streaming))
            {
                var cut = incomplete ? " (the output was cut off before it)" : "";
                context.Error(path.Child(name), StructuredRule.Required, $"the required property '{name}' is missing{cut}");
                missing = true;
            }
        }

        // A cut-off object missing a required property is not closed: the errors above say what was cut.
        if (incomplete && !missing)
        {
            context.Repair(path, StructuredRule.Truncation, "closed an object the output cut off; what is missing is optional", null, "}");
        }

        return result;
    }

    private static List<KeyValuePair<string, JsonNode?>> Prefix(JsonObject value, int count)
    {
        var members = new List<KeyValuePair<string, JsonNode?>>(value.Count);
        for (var i = 0; i < count; i++)
        {
            members.Add(value.GetAt(i));
        }

        return members;
    }

    private static bool Has(List<KeyValuePair<string, JsonNode?>> members, string name)
    {
        foreach (var member in members)
        {
            if (member.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads <c>{"result": {...}}</c> as its inner value when the one key is not a declared property and the inner
    /// value fits the schema; a wrapper with any declared key, or more than one key, is left as it is.
    /// </summary>
    private static bool TryUnwrap(JsonObject value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth, out JsonNode? unwrapped)
    {
        unwrapped = null;
        if (value.Count != 1 || schema.Properties.Count == 0 || value.GetAt(0).Value is not JsonObject inner || MatchProperty(value.GetAt(0).Key, schema) is not null)
        {
            return false;
        }

        var attempt = context.Branch();
        var result = Coerce(inner, schema, path, attempt, depth + 1);
        if (attempt.Errors.Count > 0)
        {
            return false;
        }

        context.Repair(path, StructuredRule.Unwrapped, $"unwrapped the value from the one-key wrapper object '{value.GetAt(0).Key}'", Shorten(value.ToJsonString()), null);
        context.Merge(attempt);
        unwrapped = result;
        return true;
    }

    private static JsonArray CoerceArray(JsonArray value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        var incomplete = context.Incomplete.Contains(value);
        // Created at the first change, with the unchanged items before it; while null, the array fits as it is.
        List<JsonNode?>? items = null;
        for (var i = 0; i < value.Count; i++)
        {
            var item = value[i];
            if (schema.Items is null)
            {
                continue;
            }

            var itemPath = path.Item(i);
            JsonNode? coerced;
            if (incomplete && i == value.Count - 1 && item is not null && context.Incomplete.Contains(item))
            {
                var attempt = context.Branch();
                coerced = Coerce(item, schema.Items, itemPath, attempt, depth + 1);
                if (attempt.Errors.Count > 0)
                {
                    items ??= [.. value.Take(i)];
                    context.Repair(itemPath, StructuredRule.Truncation, "left out the last item: the output cut it off before it was complete", item.ToJsonString(), null);
                    continue;
                }

                context.Merge(attempt);
            }
            else
            {
                coerced = Coerce(item, schema.Items, itemPath, context, depth + 1);
            }

            if (items is null && !ReferenceEquals(coerced, item))
            {
                items = [.. value.Take(i)];
            }

            items?.Add(coerced);
        }

        var result = items is null ? value : new JsonArray([.. items.Select(Own)]);
        if (incomplete)
        {
            context.Repair(path, StructuredRule.Truncation, "closed an array the output cut off", null, "]");
        }

        return CheckCount(result, schema, path, context, incomplete);
    }

    private static JsonArray CheckCount(JsonArray result, SchemaNode schema, CoercionPath path, CoercionContext context, bool incomplete)
    {
        if (result.Count < schema.MinItems && !(incomplete && context.Streaming) || result.Count > schema.MaxItems)
        {
            var bounds = schema.MaxItems == int.MaxValue ? $"at least {schema.MinItems}" : schema.MinItems == 0 ? $"at most {schema.MaxItems}" : $"{schema.MinItems} to {schema.MaxItems}";
            var cut = incomplete ? " (the output was cut off)" : "";
            context.Error(path, StructuredRule.ItemCount, $"expected {bounds} items, got {result.Count}{cut}", result.Count.ToString(CultureInfo.InvariantCulture));
        }

        return result;
    }

    private static JsonNode? CoerceString(JsonNode node, string text, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        var trimmed = text.Trim();
        if (schema.Allows(SchemaTypes.String))
        {
            return schema.Enum is null ? CheckString(node, text, schema, path, context) : MatchEnum(node, text, schema, path, context);
        }

        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' && schema.Allows(trimmed[0] == '{' ? SchemaTypes.Object : SchemaTypes.Array))
        {
            var parsed = LenientJsonReader.TryRead(trimmed, 0);
            if (parsed is not null && parsed.CutDepth == 0 && string.IsNullOrWhiteSpace(trimmed[parsed.End..]))
            {
                context.Repair(path, StructuredRule.StringToStructure, "parsed an object or array sent as a JSON string", Shorten(text), null);
                foreach (var repair in parsed.Repairs)
                {
                    context.Repair(repair with { Path = path.ToString() + repair.Path[1..] });
                }

                return Coerce(parsed.Value, schema, path, context, depth + 1);
            }
        }

        if (schema.Allows(SchemaTypes.Integer) || schema.Allows(SchemaTypes.Number))
        {
            if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                context.Repair(path, StructuredRule.StringToNumber, "read a number written as a string", JsonSerializer.Serialize(text), trimmed);
                return CoerceNumber(JsonValue.Create(number), schema, path, context, depth);
            }

            if (NumberText.TryRead(trimmed, out var written))
            {
                context.Repair(path, StructuredRule.NumberText, "read a number written with thousands separators or a currency sign", JsonSerializer.Serialize(text), written.ToString(CultureInfo.InvariantCulture));
                return CoerceNumber(JsonValue.Create(written), schema, path, context, depth);
            }
        }

        if (schema.Allows(SchemaTypes.Boolean))
        {
            bool? flag = trimmed.ToUpperInvariant() switch
            {
                "TRUE" or "YES" => true,
                "FALSE" or "NO" => false,
                _ => null,
            };
            if (flag is not null)
            {
                context.Repair(path, StructuredRule.StringToBoolean, "read a boolean written as a string", JsonSerializer.Serialize(text), flag.Value ? "true" : "false");
                return JsonValue.Create(flag.Value);
            }
        }

        return Mismatch(JsonValue.Create(text), schema, path, context, depth);
    }

    private static JsonNode? CoerceNumber(JsonNode value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        if (!schema.Allows(SchemaTypes.Number) && !schema.Allows(SchemaTypes.Integer))
        {
            if (schema.Allows(SchemaTypes.String) && schema.Enum is null)
            {
                var text = value.ToJsonString();
                context.Repair(path, StructuredRule.NumberToString, "read a number as the string the schema expects", text, JsonSerializer.Serialize(text));
                return CheckString(null, text, schema, path, context);
            }

            return Mismatch(value, schema, path, context, depth);
        }

        var (number, raw) = NumberOf(value);
        var result = value;
        if (!schema.Allows(SchemaTypes.Number))
        {
            if (Math.Floor(number) != number || Math.Abs(number) > 9e15)
            {
                context.Error(path, StructuredRule.Type, "expected an integer", value.ToJsonString());
                return null;
            }

            if (raw is not null && (raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase)))
            {
                context.Repair(path, StructuredRule.NumberToInteger, "read a whole number as an integer", raw, ((long)number).ToString(CultureInfo.InvariantCulture));
                result = JsonValue.Create((long)number);
            }
        }

        CheckRange(number, schema, path, context);
        if (schema.Enum is not null && !schema.Enum.Any(e => e is not null && e.GetValueKind() == JsonValueKind.Number && double.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == number))
        {
            context.Error(path, StructuredRule.Enum, $"expected {schema.Describe()}", value.ToJsonString());
            return null;
        }

        return result;
    }

    /// <summary>The number and, unless it is written as a plain integer, its JSON text.</summary>
    private static (double Number, string? Raw) NumberOf(JsonNode value)
    {
        if (value is JsonValue v && v.TryGetValue<JsonElement>(out var element))
        {
            if (element.TryGetInt64(out var whole))
            {
                return (whole, null);
            }

            var text = element.GetRawText();
            return (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), text);
        }

        var raw = value.ToJsonString();
        return (double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture), raw);
    }

    private static JsonNode? CoerceBoolean(JsonNode value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth) =>
        schema.Allows(SchemaTypes.Boolean) ? value : Mismatch(value, schema, path, context, depth);

    /// <summary>The node itself when it has no parent yet, else a copy: results share unchanged nodes with the text's value.</summary>
    internal static JsonNode? Own(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    private static JsonNode? CheckString(JsonNode? original, string text, SchemaNode schema, CoercionPath path, CoercionContext context)
    {
        if (schema.ChecksStrings && StringFormats.Check(text, schema) is { } failure)
        {
            context.Error(path, failure.Rule, failure.Message, Shorten(JsonSerializer.Serialize(text)));
            return null;
        }

        return original ?? JsonValue.Create(text);
    }

    private static JsonNode? Mismatch(JsonNode value, SchemaNode schema, CoercionPath path, CoercionContext context, int depth)
    {
        if (value is JsonArray { Count: 1 } single && single[0] is JsonObject && schema.Allows(SchemaTypes.Object) && !schema.Allows(SchemaTypes.Array))
        {
            var attempt = context.Branch();
            var item = Coerce(single[0], schema, path, attempt, depth + 1);
            if (attempt.Errors.Count == 0)
            {
                context.Repair(path, StructuredRule.Unwrapped, "took the one item of a list where the schema expects a single object", Shorten(value.ToJsonString()), null);
                context.Merge(attempt);
                return item;
            }
        }

        if (schema.Allows(SchemaTypes.Array) && schema.Items is not null && value.GetValueKind() != JsonValueKind.Array)
        {
            var attempt = context.Branch();
            var item = Coerce(value, schema.Items, path.Item(0), attempt, depth + 1);
            if (attempt.Errors.Count == 0)
            {
                context.Repair(path, StructuredRule.ScalarToArray, "wrapped a single value in the list the schema expects", Shorten(value.ToJsonString()), null);
                context.Merge(attempt);
                return new JsonArray(Own(item));
            }
        }

        context.Error(path, StructuredRule.Type, $"expected {schema.Describe()}", Shorten(value.ToJsonString()));
        return null;
    }

    private static JsonNode? MatchEnum(JsonNode node, string text, SchemaNode schema, CoercionPath path, CoercionContext context)
    {
        var names = schema.EnumStrings;
        if (names.Contains(text))
        {
            return node;
        }

        var before = JsonSerializer.Serialize(text);
        var byCase = names.Where(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (byCase.Count == 1)
        {
            context.Repair(path, StructuredRule.EnumCase, "matched the enum value ignoring case", before, JsonSerializer.Serialize(byCase[0]));
            return JsonValue.Create(byCase[0]);
        }

        if (schema.Aliases is not null && schema.Aliases.TryGetValue(text.Trim(), out var aliased))
        {
            context.Repair(path, StructuredRule.EnumAlias, "mapped a declared alias to its enum value", before, JsonSerializer.Serialize(aliased));
            return JsonValue.Create(aliased);
        }

        var decorated = MatchDecorated(text, names);
        if (decorated.Count == 1)
        {
            context.Repair(path, StructuredRule.EnumDecoration, "matched the enum value inside decoration", before, JsonSerializer.Serialize(decorated[0]));
            return JsonValue.Create(decorated[0]);
        }

        if (decorated.Count > 1)
        {
            context.Error(path, StructuredRule.Ambiguous, $"names more than one enum value ({string.Join(", ", decorated)}); not guessing", before);
            return null;
        }

        context.Error(path, StructuredRule.Enum, $"expected {schema.Describe()}", before);
        return null;
    }

    /// <summary>The enum values a decorated text names: it must start with one (after markup), and any other named value makes it ambiguous.</summary>
    private static List<string> MatchDecorated(string text, List<string> names)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return [];
        }

        var mentioned = names.Where(n =>
        {
            var nameWords = Words(n);
            return nameWords.Count > 0 && Enumerable.Range(0, words.Count - nameWords.Count + 1)
                .Any(i => nameWords.Select((w, j) => string.Equals(w, words[i + j], StringComparison.OrdinalIgnoreCase)).All(b => b));
        }).ToList();
        var leading = mentioned.Where(n =>
        {
            var nameWords = Words(n);
            return nameWords.Count <= words.Count && nameWords.Select((w, j) => string.Equals(w, words[j], StringComparison.OrdinalIgnoreCase)).All(b => b);
        }).ToList();
        return mentioned.Count > 1 ? mentioned : leading;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static void CheckRange(double number, SchemaNode schema, CoercionPath path, CoercionContext context)
    {
        if (schema.Minimum is null && schema.Maximum is null && schema.ExclusiveMinimum is null && schema.ExclusiveMaximum is null)
        {
            return;
        }

        var text = number.ToString(CultureInfo.InvariantCulture);
        if (schema.Minimum is { } min && number < min)
        {
            context.Error(path, StructuredRule.Range, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}", text);
        }

        if (schema.Maximum is { } max && number > max)
        {
            context.Error(path, StructuredRule.Range, $"must be at most {max.ToString(CultureInfo.InvariantCulture)}", text);
        }

        if (schema.ExclusiveMinimum is { } emin && number <= emin)
        {
            context.Error(path, StructuredRule.Range, $"must be more than {emin.ToString(CultureInfo.InvariantCulture)}", text);
        }

        if (schema.ExclusiveMaximum is { } emax && number >= emax)
        {
            context.Error(path, StructuredRule.Range, $"must be less than {emax.ToString(CultureInfo.InvariantCulture)}", text);
        }
    }

    public static bool MatchesAnyProperty(string key, SchemaNode schema) => MatchProperty(key, schema) is not null;

    private static string? MatchProperty(string key, SchemaNode schema)
    {
        if (schema.Properties.ContainsKey(key))
        {
            return key;
        }

        var normalized = NormalizeKey(key);
        var matches = schema.Properties.Keys.Where(p => NormalizeKey(p) == normalized).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string NormalizeKey(string key) =>
        new([.. key.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
