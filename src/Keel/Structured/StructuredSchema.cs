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
    /// <returns>The schema.</returns>
    public static StructuredSchema For(Type type, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FromJson(AIJsonUtilities.CreateJsonSchema(type, serializerOptions: options ?? AIJsonUtilities.DefaultOptions));
    }
}
