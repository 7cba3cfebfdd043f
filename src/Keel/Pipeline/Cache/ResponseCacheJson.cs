using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>MEAI's own JSON contracts for what the cache hashes and stores, so every content type round-trips.</summary>
internal static class ResponseCacheJson
{
    public static JsonSerializerOptions Options => AIJsonUtilities.DefaultOptions;

    public static JsonTypeInfo<ChatResponse> Response { get; } = (JsonTypeInfo<ChatResponse>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));
}
