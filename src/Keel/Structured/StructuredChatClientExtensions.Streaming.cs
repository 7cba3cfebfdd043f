using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Keel;

public static partial class StructuredChatClientExtensions
{
    /// <summary>Streams a <typeparamref name="T"/> from the model as it is written: partial values that only fill in, then the complete one.</summary>
    /// <typeparam name="T">The type to read; its JSON Schema comes from <see cref="AIJsonUtilities.CreateJsonSchema"/>.</typeparam>
    /// <param name="client">The model.</param>
    /// <param name="messages">The conversation; not changed.</param>
    /// <param name="options">How to ask; defaults when null. <see cref="StructuredOptions.MaxReasks"/> does not apply: a stream is not asked again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Each time more of the value is complete, a <typeparamref name="T"/> with what is known so far (the rest left at its
    /// default); the last item is the complete, schema-valid value (not repeated when the last partial value already was).
    /// </returns>
    /// <exception cref="StructuredOutputException">At the end of the stream: the answer does not fit the schema, was cut off, or was refused.</exception>
    public static IAsyncEnumerable<T> GetStructuredStreamAsync<T>(this IChatClient client, IEnumerable<ChatMessage> messages, StructuredOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        return StreamCoreAsync<T>(client, messages, options ?? new StructuredOptions(), cancellationToken);
    }

    private static async IAsyncEnumerable<T> StreamCoreAsync<T>(IChatClient client, IEnumerable<ChatMessage> messages, StructuredOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var serializer = options.SerializerOptions ?? AIJsonUtilities.DefaultOptions;
        var schema = StructuredSchema.For(typeof(T), serializer);
        var (history, chatOptions) = Prepare(messages, schema, typeof(T).Name, options, ChooseMode(client, options) != StructuredSchemaMode.Prompt);
        var parser = new StructuredStreamParser(schema, options.Policy);
        ChatFinishReason? finish = null;
        JsonNode? yielded = null;
        await foreach (var update in client.GetStreamingResponseAsync(history, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            finish = update.FinishReason ?? finish;
            if (parser.Append(update.Text) && TryDeserialize<T>(parser.Partial, serializer, out var partial))
            {
                yielded = parser.Partial;
                yield return partial;
            }
        }

        var text = parser.Text;
        if (finish == ChatFinishReason.Length)
        {
            throw new StructuredOutputException(StructuredErrorKind.Truncated, "The model's answer was cut off (finish_reason: length) before the value was complete; raise the output token limit (ChatOptions.MaxOutputTokens) or ask for less.", [], 1, text);
        }

        var result = parser.Complete();
        if (!result.Succeeded)
        {
            if (IsRefusal(finish, text))
            {
                throw new StructuredOutputException(StructuredErrorKind.Refused, $"The model declined to answer with a value: {Describe(text)}", [], 1, text);
            }

            throw new StructuredOutputException(StructuredErrorKind.Invalid, $"The model's answer does not fit the schema: {string.Join("; ", result.Errors)}", result.Errors, 1, text);
        }

        if (!JsonNode.DeepEquals(yielded, result.Value) || yielded is null)
        {
            yield return (result.Value is null ? default : result.Value.Deserialize<T>(serializer))!;
        }
    }

    /// <summary>A partial value as <typeparamref name="T"/>; false when the type cannot hold it yet (a C# <c>required</c> member still missing).</summary>
    private static bool TryDeserialize<T>(JsonNode? node, JsonSerializerOptions serializer, out T value)
    {
        value = default!;
        if (node is null)
        {
            return false;
        }

        try
        {
            value = node.Deserialize<T>(serializer)!;
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
