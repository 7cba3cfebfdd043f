using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>
/// Reads a schema-valid value out of raw model text: finds it among prose, fences and think blocks,
/// repairs broken JSON, coerces where the intent is unambiguous, validates, and reports every step.
/// </summary>
/// <remarks>Never returns a value that fails the schema, and never guesses between two readings.</remarks>
public static partial class StructuredParser
{
    /// <summary>Tries to read a schema-valid value from <paramref name="text"/>. Never throws for any text.</summary>
    /// <param name="text">The raw model output.</param>
    /// <param name="schema">The schema the value must satisfy.</param>
    /// <param name="result">The value and the repairs made, or the errors.</param>
    /// <returns><see langword="true"/> when a schema-valid value was found.</returns>
    public static bool TryParse(string text, StructuredSchema schema, out StructuredResult result) => TryParse(text, schema, null, out result);

    /// <summary>Tries to read a schema-valid value from <paramref name="text"/> under a policy. Never throws for any text.</summary>
    /// <param name="text">The raw model output.</param>
    /// <param name="schema">The schema the value must satisfy.</param>
    /// <param name="policy">Which repairs are allowed; <see cref="StructuredPolicy.Lenient"/> when null.</param>
    /// <param name="result">The value and the repairs made, or the errors.</param>
    /// <returns><see langword="true"/> when a schema-valid value was found.</returns>
    public static bool TryParse(string text, StructuredSchema schema, StructuredPolicy? policy, out StructuredResult result)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        result = ParseCore(text, schema.Root, policy ?? StructuredPolicy.Lenient);
        return result.Succeeded;
    }

    /// <summary>Reads a schema-valid value from <paramref name="text"/>.</summary>
    /// <param name="text">The raw model output.</param>
    /// <param name="schema">The schema the value must satisfy.</param>
    /// <param name="policy">Which repairs are allowed; <see cref="StructuredPolicy.Lenient"/> when null.</param>
    /// <returns>The value and the repairs made.</returns>
    /// <exception cref="StructuredParseException">The text holds no schema-valid value; the exception carries the errors.</exception>
    public static StructuredResult Parse(string text, StructuredSchema schema, StructuredPolicy? policy = null) =>
        TryParse(text, schema, policy, out var result) ? result : throw new StructuredParseException(result);

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="text"/>, against the schema <see cref="AIJsonUtilities.CreateJsonSchema"/> gives the type.</summary>
    /// <typeparam name="T">The type to deserialize the repaired JSON to.</typeparam>
    /// <param name="text">The raw model output.</param>
    /// <param name="policy">Which repairs are allowed; <see cref="StructuredPolicy.Lenient"/> when null.</param>
    /// <param name="options">The serializer options for the schema and the deserialization; <see cref="AIJsonUtilities.DefaultOptions"/> when null.</param>
    /// <returns>The value.</returns>
    /// <exception cref="StructuredParseException">The text holds no schema-valid value; the exception carries the errors.</exception>
    public static T? Parse<T>(string text, StructuredPolicy? policy = null, JsonSerializerOptions? options = null)
    {
        options ??= AIJsonUtilities.DefaultOptions;
        var result = Parse(text, StructuredSchema.For(typeof(T), options), policy);
        return result.Value is null ? default : result.Value.Deserialize<T>(options);
    }

    /// <summary>The part of the value a prefix of a stream holds so far, fitted to the schema; null when nothing of it is usable yet.</summary>
    /// <remarks>
    /// A prefix read as strict JSON that already fits is returned as the document it was read into: a stream reads its text
    /// again and again as it grows, and building a node per value each time would cost many times the text.
    /// </remarks>
    internal static JsonElement? ParsePrefix(string prefix, SchemaNode schema, StructuredPolicy policy)
    {
        foreach (var candidate in CandidateExtractor.Find(prefix, out var extraction))
        {
            if (candidate.Value is JsonObject && !schema.Allows(SchemaTypes.Object) || candidate.Value is JsonArray && !schema.Allows(SchemaTypes.Array))
            {
                continue;
            }

            // A text that needs a repair the policy denies fails at the end; no partial value should suggest otherwise.
            if (policy.DeniesAny && (extraction.Any(r => !policy.IsAllowed(r.Rule)) || candidate.Repairs.Rules().Any(r => !policy.IsAllowed(r.Rule))))
            {
                return null;
            }

            if (candidate.Element is { } element && ExactJsonFastPath.FitsAsPartial(element, schema, candidate.CutDepth))
            {
                return element;
            }

            var context = new CoercionContext(policy, candidate.Incomplete) { Streaming = true };
            var value = SchemaCoercer.Coerce(candidate.Value, schema, "$", context);
            return context.Errors.Count > 0 || value is null ? null : JsonSerializer.SerializeToElement(value);
        }

        return null;
    }

    private static StructuredResult ParseCore(string text, SchemaNode schema, StructuredPolicy policy)
    {
        if (ExactJsonFastPath.TryParse(text, schema, policy, out var strict) is { } exact)
        {
            return exact;
        }

        var extraction = new List<StructuredDiagnostic>();
        var candidates = strict is not null ? [strict] : CandidateExtractor.Find(text, out extraction);
        var attempts = new List<(JsonNode? Value, CoercionContext Context)>();
        foreach (var candidate in candidates)
        {
            attempts.Add(Attempt(candidate, schema, policy, extraction));
        }

        if (!schema.Allows(SchemaTypes.Object) && !schema.Allows(SchemaTypes.Array) || candidates.Count == 0 && schema.Types != SchemaTypes.None && !schema.Allows(SchemaTypes.Object) && !schema.Allows(SchemaTypes.Array))
        {
            var bare = CandidateExtractor.StripFences(text);
            if (bare.Length > 0)
            {
                var node = JsonValue.Create(bare.Length > 1 && bare[0] == '"' && bare[^1] == '"' ? bare[1..^1] : bare);
                attempts.Add(Attempt(new ParsedCandidate(node, [], text.Length, 0), schema, policy, extraction));
                if (attempts[^1].Context.Errors.Count > 0 && OnlyNumberIn(bare, schema) is { } number)
                {
                    var found = Attempt(new ParsedCandidate(number, [new StructuredDiagnostic("$", StructuredRule.Extraction, "took the only number in the text", Shorten(bare), number.ToJsonString())], text.Length, 0), schema, policy, extraction);
                    attempts.Add(found);
                }
            }
        }

        var fits = attempts.Where(a => a.Context.Errors.Count == 0).ToList();
        if (fits.Count != 1 && schema.Allows(SchemaTypes.Array) && schema.Items is not null && candidates.Count > 1
            && candidates.All(c => c.Value is not JsonArray) && Collect(candidates, schema, policy, extraction) is { } collected)
        {
            fits = [collected];
        }

        if (fits.Count == 0)
        {
            if (attempts.Count == 0)
            {
                return new StructuredResult(null, extraction, [new StructuredDiagnostic("$", StructuredRule.NoValue, "no JSON value found in the text")]);
            }

            var closest = attempts.OrderBy(a => a.Context.Errors.Count).ThenByDescending(a => attempts.IndexOf(a)).First();
            return new StructuredResult(null, closest.Context.Repairs, closest.Context.Errors);
        }

        var distinct = fits.Where((f, i) => !fits.Take(i).Any(g => JsonNode.DeepEquals(g.Value, f.Value))).ToList();
        if (distinct.Count > 1)
        {
            var values = string.Join(" | ", distinct.Select(d => Shorten(d.Value?.ToJsonString() ?? "null")));
            return new StructuredResult(null, [], [new StructuredDiagnostic("$", StructuredRule.Ambiguous, $"the text holds {distinct.Count} different values that fit the schema; not guessing which one is meant", values)]);
        }

        var chosen = distinct[0];
        if (candidates.Count > 1)
        {
            chosen.Context.Repairs.Insert(0, new StructuredDiagnostic("$", StructuredRule.Extraction, $"picked the one of {candidates.Count} values in the text that fits the schema"));
        }

        return new StructuredResult(SchemaCoercer.Own(chosen.Value), chosen.Context.Repairs, []);
    }

    private static (JsonNode? Value, CoercionContext Context) Attempt(ParsedCandidate candidate, SchemaNode schema, StructuredPolicy policy, List<StructuredDiagnostic> extraction)
    {
        var context = new CoercionContext(policy, candidate.Incomplete)
        {
            Elements = candidate is { Element: { } read, CutDepth: 0, Value: { } root } ? new(ReferenceEqualityComparer.Instance) { [root] = read } : null,
        };
        foreach (var repair in extraction)
        {
            context.Repair(repair);
        }

        context.RepairAll(candidate.Repairs);

        // A value read as strict JSON is checked in place by the coercer (context.Elements): one that already fits is
        // returned as it is, without a node per value.
        var value = SchemaCoercer.Coerce(candidate.Value, schema, "$", context);
        return (value, context);
    }

    private static (JsonNode? Value, CoercionContext Context)? Collect(List<ParsedCandidate> candidates, SchemaNode schema, StructuredPolicy policy, List<StructuredDiagnostic> extraction)
    {
        var items = new JsonArray();
        var context = new CoercionContext(policy, new HashSet<JsonNode>(ReferenceEqualityComparer.Instance));
        foreach (var candidate in candidates)
        {
            var (value, attempt) = Attempt(candidate, schema.Items!, policy, extraction);
            if (attempt.Errors.Count > 0)
            {
                return null;
            }

            context.Repairs.AddRange(attempt.Repairs);
            items.Add(SchemaCoercer.Own(value));
        }

        context.Repair("$", StructuredRule.Extraction, $"collected {items.Count} separate values into the list the schema expects", null, null);
        return (items, context);
    }

    /// <summary>For a number target, the one number the prose holds (<c>The count is **7**.</c>); null when there is none or more than one.</summary>
    private static JsonValue? OnlyNumberIn(string text, SchemaNode schema)
    {
        if (schema.Allows(SchemaTypes.String) || schema.Types == SchemaTypes.None || !schema.Allows(SchemaTypes.Number) && !schema.Allows(SchemaTypes.Integer))
        {
            return null;
        }

        var numbers = NumberInProse().Matches(text);
        return numbers.Count == 1 && decimal.TryParse(numbers[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value)
            : null;
    }

    [GeneratedRegex(@"(?<![\w.,])-?\d+(?:\.\d+)?(?![\w.,]\d|\d|%)")]
    private static partial Regex NumberInProse();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
