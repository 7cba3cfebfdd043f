using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Works out which model a call is for, for limits, prices and error messages.</summary>
internal static class ChatClientModel
{
    public const string Unknown = "(default)";

    public static string? Resolve(IChatClient client, ChatOptions? options) =>
        options?.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;
}
