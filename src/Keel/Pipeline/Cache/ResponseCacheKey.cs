using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Computes a call's cache key: SHA-256 over a canonical JSON of the model, the options and the messages.</summary>
/// <remarks>Serialization is MEAI's own (<see cref="AIJsonUtilities.DefaultOptions"/>, hashed by
/// <see cref="AIJsonUtilities.HashDataToString"/>, as MEAI's <c>DistributedCachingChatClient</c> does), so every content
/// type (text, function calls and results, data) and every option (temperature, top_p, max output tokens, stop sequences,
/// response format, tool mode, seed, additional properties) is covered. Tools are not part of <see cref="ChatOptions"/>'s
/// JSON, so their names, descriptions and schemas are written out here.</remarks>
internal static class ResponseCacheKey
{
    // Bump when what goes into the key changes, so old entries stop matching instead of matching wrongly.
    private const string Version = "keel-response-cache-1";

    public static string Compute(string? scope, string? provider, string? modelId, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ChatOptions? hashed = null;
        string? tools = null;
        if (options is not null)
        {
            hashed = options.Clone();
            hashed.Tools = null;
            hashed.RawRepresentationFactory = null;
            if (hashed.AdditionalProperties is { } properties)
            {
                properties.Remove(KeelPropertyNames.CacheHit);
                hashed.AdditionalProperties = properties.Count == 0 ? null : properties;
            }

            tools = options.Tools is { Count: > 0 } list ? DescribeTools(list) : null;
        }

        return AIJsonUtilities.HashDataToString([Version, scope, provider, modelId, messages.ToArray(), hashed, tools], ResponseCacheJson.Options);
    }

    private static string DescribeTools(IList<AITool> tools)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                writer.WriteString("type", tool.GetType().FullName);
                writer.WriteString("name", tool.Name);
                writer.WriteString("description", tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    writer.WritePropertyName("schema");
                    function.JsonSchema.WriteTo(writer);
                    if (function.ReturnJsonSchema is { } returns)
                    {
                        writer.WritePropertyName("returns");
                        returns.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
