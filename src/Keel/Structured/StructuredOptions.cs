using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>How <see cref="StructuredChatClientExtensions"/> asks a model for a structured value.</summary>
public sealed record StructuredOptions
{
    /// <summary>Gets how many times to ask again, quoting the errors, when an answer fails the schema.</summary>
    /// <value>1.</value>
    public int MaxReasks { get; init; } = 1;

    /// <summary>Gets whether to use the provider's native JSON-schema mode (<see cref="ChatResponseFormat.ForJsonSchema(JsonElement, string?, string?)"/>)
    /// instead of a compact rendering of the schema in the prompt.</summary>
    /// <value>Null: the model's <c>structured:</c> setting in keel.yaml, whose default (<c>auto</c>) is native for OpenAI, the prompt
    /// for Anthropic, and native for an OpenAI-compatible server falling back to the prompt if it rejects the request (400);
    /// for a client not built from keel.yaml, on when its provider says <c>openai</c>.</value>
    public bool? UseNativeSchema { get; init; }

    /// <summary>Gets which repairs the parser may make.</summary>
    /// <value>Null: <see cref="StructuredPolicy.Lenient"/>.</value>
    public StructuredPolicy? Policy { get; init; }

    /// <summary>Gets the chat options every attempt starts from (copied, never changed).</summary>
    /// <value>Null.</value>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>Gets the serializer options for the schema of <c>T</c> and the deserialization.</summary>
    /// <value>Null: <see cref="AIJsonUtilities.DefaultOptions"/>.</value>
    public JsonSerializerOptions? SerializerOptions { get; init; }
}
