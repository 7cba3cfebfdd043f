using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>
/// The target of a structured parse: a JSON Schema in the practical subset (type including
/// <c>["T","null"]</c>, properties, required, items, enum, const, minimum/maximum, anyOf/oneOf, local $ref,
/// and the <c>x-aliases</c> extension mapping each enum value to accepted aliases).
/// </summary>
public sealed class StructuredSchema
{
    // Building a type's schema costs more than parsing a small answer (about 60 µs and 30 KB); the options are read-only
    // once a schema was made with them, so a type's schema under them never changes.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConcurrentDictionary<Type, StructuredSchema>> ByType = new();

    private StructuredSchema(SchemaNode root, JsonElement document)
    {
        Root = root;
        Document = document;
    }

    /// <summary>Gets the schema document this was loaded from.</summary>
    public JsonElement Document { get; }

    internal SchemaNode Root { get; }

    /// <summary>Loads a schema from its JSON text.</summary>
    /// <param name="json">The JSON Schema document.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">The text is not JSON, or not a schema this parser understands; the message says where.</exception>
    public static StructuredSchema FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement document;
        try
        {
            using var parsed = JsonDocument.Parse(json);
            document = parsed.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"the schema is not valid JSON: {ex.Message}", nameof(json), ex);
        }

        return FromJson(document);
    }

    /// <summary>Loads a schema from a parsed JSON document.</summary>
    /// <param name="schema">The JSON Schema document.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">The document is not a schema this parser understands; the message says where.</exception>
    public static StructuredSchema FromJson(JsonElement schema) => new(SchemaLoader.Load(schema), schema.Clone());

    /// <summary>Builds the schema of a .NET type with <see cref="AIJsonUtilities.CreateJsonSchema"/>.</summary>
    /// <param name="type">The type the parsed value should deserialize to.</param>
    /// <param name="options">The serializer options (naming, enum converters); <see cref="AIJsonUtilities.DefaultOptions"/> when null.</param>
    /// <returns>The schema; the same instance for the same type and options.</returns>
    public static StructuredSchema For(Type type, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= AIJsonUtilities.DefaultOptions;
        return ByType.GetValue(options, _ => new()).GetOrAdd(type, static (type, options) => FromJson(AIJsonUtilities.CreateJsonSchema(type, serializerOptions: options)), options);
    }
}
