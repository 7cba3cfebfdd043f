using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Asks a model for a schema-valid value: schema in the request, lenient parse, validation, re-ask.</summary>
/// <remarks>Sits beside MEAI's <c>GetResponseAsync&lt;T&gt;</c>. The schema goes to the provider's native JSON-schema
/// mode (strict subset) when <see cref="StructuredOptions.UseNativeSchema"/> says so, otherwise into the prompt as a compact
/// TypeScript-like shape. Each answer goes through <see cref="StructuredParser"/>; one that fails the schema is quoted back
/// with every error by path, expected and received value, up to <see cref="StructuredOptions.MaxReasks"/> times.</remarks>
public static partial class StructuredChatClientExtensions
{
    /// <summary>Asks the model for a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read; its JSON Schema comes from <see cref="AIJsonUtilities.CreateJsonSchema"/>.</typeparam>
    /// <param name="client">The model.</param>
    /// <param name="messages">The conversation; not changed.</param>
    /// <param name="options">How to ask; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The value, the repairs, the attempts and the final response.</returns>
    /// <exception cref="StructuredOutputException">No schema-valid value: invalid after every re-ask, truncated, or refused.</exception>
    public static async Task<StructuredResponse<T>> GetStructuredAsync<T>(this IChatClient client, IEnumerable<ChatMessage> messages, StructuredOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StructuredOptions();
        var serializer = options.SerializerOptions ?? AIJsonUtilities.DefaultOptions;
        var schema = StructuredSchema.For(typeof(T), serializer);
        var result = await GetCoreAsync(client, messages, schema, typeof(T).Name, options, cancellationToken).ConfigureAwait(false);
        var value = result.Value is null ? default : result.Value.Deserialize<T>(serializer);
        return new StructuredResponse<T>(value, result.Repairs, result.Attempts, result.Response, result.Usage, result.CostUsd);
    }

    /// <summary>Asks the model for a value that satisfies a JSON Schema.</summary>
    /// <param name="client">The model.</param>
    /// <param name="messages">The conversation; not changed.</param>
    /// <param name="schema">The JSON Schema (the subset <see cref="StructuredSchema"/> reads).</param>
    /// <param name="options">How to ask; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The value, the repairs, the attempts and the final response.</returns>
    /// <exception cref="ArgumentException">The schema is not one the parser understands.</exception>
    /// <exception cref="StructuredOutputException">No schema-valid value: invalid after every re-ask, truncated, or refused.</exception>
    public static Task<StructuredResponse<JsonNode>> GetStructuredAsync(this IChatClient client, IEnumerable<ChatMessage> messages, JsonElement schema, StructuredOptions? options = null, CancellationToken cancellationToken = default) =>
        GetCoreAsync(client, messages, StructuredSchema.FromJson(schema), "response", options ?? new StructuredOptions(), cancellationToken);

    /// <summary>Asks the model for a value that satisfies a JSON Schema given as text.</summary>
    /// <param name="client">The model.</param>
    /// <param name="messages">The conversation; not changed.</param>
    /// <param name="schema">The JSON Schema text.</param>
    /// <param name="options">How to ask; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The value, the repairs, the attempts and the final response.</returns>
    /// <exception cref="ArgumentException">The schema is not JSON, or not one the parser understands.</exception>
    /// <exception cref="StructuredOutputException">No schema-valid value: invalid after every re-ask, truncated, or refused.</exception>
    public static Task<StructuredResponse<JsonNode>> GetStructuredAsync(this IChatClient client, IEnumerable<ChatMessage> messages, string schema, StructuredOptions? options = null, CancellationToken cancellationToken = default) =>
        GetCoreAsync(client, messages, StructuredSchema.FromJson(schema), "response", options ?? new StructuredOptions(), cancellationToken);

    /// <summary>The compact TypeScript-like rendering of a schema that prompt mode puts in the request.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The rendering, e.g. <c>{ name: string, tags: string[], zip?: string | null }</c>.</returns>
    public static string RenderCompact(StructuredSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return SchemaRenderer.Render(schema.Root);
    }

    private static async Task<StructuredResponse<JsonNode>> GetCoreAsync(IChatClient client, IEnumerable<ChatMessage> messages, StructuredSchema schema, string schemaName, StructuredOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxReasks);
        var mode = ChooseMode(client, options);
        var (history, chatOptions) = Prepare(messages, schema, schemaName, options, mode != StructuredSchemaMode.Prompt);

        UsageDetails? usage = null;
        decimal? cost = null;
        for (var attempt = 1; ; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(history, chatOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelCallException ex) when (ex.Kind == ModelErrorKind.BadRequest && mode == StructuredSchemaMode.Auto && chatOptions.ResponseFormat is not null)
            {
                // auto on an OpenAI-compatible server: one that rejects response_format gets the schema in the prompt instead.
                mode = StructuredSchemaMode.Prompt;
                (history, chatOptions) = Prepare(messages, schema, schemaName, options, native: false);
                attempt--;
                continue;
            }

            usage = Add(usage, response.Usage);
            if (response.AdditionalProperties?.TryGetValue(KeelPropertyNames.CostUsd, out var spent) == true && spent is decimal dollars)
            {
                cost = (cost ?? 0m) + dollars;
            }

            var text = response.Text;
            if (response.FinishReason == ChatFinishReason.Length)
            {
                throw new StructuredOutputException(StructuredErrorKind.Truncated, "The model's answer was cut off (finish_reason: length) before the value was complete; raise the output token limit (ChatOptions.MaxOutputTokens) or ask for less.", [], attempt, text);
            }

            if (IsRefusal(response.FinishReason, text))
            {
                throw new StructuredOutputException(StructuredErrorKind.Refused, $"The model declined to answer with a value: {Describe(text)}", [], attempt, text);
            }

            var policy = options.Policy ?? StructuredPolicy.Lenient;
            if (StructuredParser.TryParse(text, schema, policy, out var result))
            {
                return new StructuredResponse<JsonNode>(result.Value, result.Repairs, attempt, response, usage, cost);
            }

            if (attempt > options.MaxReasks)
            {
                throw new StructuredOutputException(StructuredErrorKind.Invalid, $"The model's answer does not fit the schema after {attempt} attempt(s): {string.Join("; ", result.Errors)}", result.Errors, attempt, text);
            }

            history.AddRange(response.Messages);
            history.Add(new ChatMessage(ChatRole.User, StructuredReask.Message(result.Errors)));
        }
    }

    /// <summary>
    /// Native or prompt: <see cref="StructuredOptions.UseNativeSchema"/> when set, else the model's <c>structured:</c> setting in
    /// keel.yaml, else native for a client whose provider says <c>openai</c>. <see cref="StructuredSchemaMode.Auto"/> is returned
    /// only where a rejected native request should fall back to the prompt (an OpenAI-compatible server).
    /// </summary>
    private static StructuredSchemaMode ChooseMode(IChatClient client, StructuredOptions options)
    {
        if (options.UseNativeSchema is { } native)
        {
            return native ? StructuredSchemaMode.Native : StructuredSchemaMode.Prompt;
        }

        return client.GetService<StructuredModeChatClient>() switch
        {
            { Mode: not StructuredSchemaMode.Auto } configured => configured.Mode,
            { Provider: ModelProvider.OpenaiCompatible } => StructuredSchemaMode.Auto,
            { Provider: ModelProvider.Openai } => StructuredSchemaMode.Native,
            { Provider: ModelProvider.Anthropic } => StructuredSchemaMode.Prompt,
            _ => IsOpenAi(client) ? StructuredSchemaMode.Native : StructuredSchemaMode.Prompt,
        };
    }

    private static (List<ChatMessage> History, ChatOptions ChatOptions) Prepare(IEnumerable<ChatMessage> messages, StructuredSchema schema, string schemaName, StructuredOptions options, bool native)
    {
        var chatOptions = options.ChatOptions?.Clone() ?? new ChatOptions();
        var history = new List<ChatMessage>(messages);
        if (native)
        {
            chatOptions.ResponseFormat = ChatResponseFormat.ForJsonSchema(StrictSchema.From(schema.Document), SafeName(schemaName));
        }
        else
        {
            var at = history.TakeWhile(m => m.Role == ChatRole.System).Count();
            history.Insert(at, new ChatMessage(ChatRole.System, StructuredReask.Instruction(SchemaRenderer.Render(schema.Root))));
        }

        return (history, chatOptions);
    }

    private static bool IsOpenAi(IChatClient client) =>
        string.Equals(client.GetService<ChatClientMetadata>()?.ProviderName, "openai", StringComparison.OrdinalIgnoreCase);

    private static bool IsRefusal(ChatFinishReason? finish, string text) =>
        finish == ChatFinishReason.ContentFilter
        || string.IsNullOrWhiteSpace(text)
        || (!text.Contains('{', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal) && RefusalWords().IsMatch(text));

    [GeneratedRegex(@"\b(I\s*(can['’]?t|cannot|can not|won['’]?t|am unable|['’]m unable|am not able|['’]m not able)|I['’]m sorry|I apologi[sz]e)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefusalWords();

    private static string Describe(string text) => string.IsNullOrWhiteSpace(text) ? "(empty answer)" : text.Length <= 200 ? text.Trim() : text[..197].Trim() + "...";

    private static string SafeName(string name) => Regex.Replace(name, "[^A-Za-z0-9_-]", "_");

    private static UsageDetails? Add(UsageDetails? total, UsageDetails? usage)
    {
        if (usage is null)
        {
            return total;
        }

        if (total is null)
        {
            return new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount };
        }

        total.Add(usage);
        return total;
    }
}
