using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Fills in missing token usage (estimated) and records what each call cost.</summary>
internal sealed class UsageChatClient : DelegatingChatClient
{
    private readonly UsageOptions _options;

    public UsageChatClient(IChatClient innerClient, UsageOptions options)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var response = await base.GetResponseAsync(messageList, options, cancellationToken);

        var (usage, estimated) = Complete(response.Usage, messageList, response.Text.Length);
        response.Usage = usage;
        Record(response.AdditionalProperties ??= [], usage, estimated, response.ModelId ?? ChatClientModel.Resolve(InnerClient, options));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        UsageDetails? reported = null;
        long outputChars = 0;
        string? modelId = null;

        await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usageContent)
                {
                    reported ??= new UsageDetails();
                    reported.Add(usageContent.Details);
                }
                else if (content is TextContent text)
                {
                    outputChars += text.Text.Length;
                }
            }

            modelId = update.ModelId ?? modelId;
            yield return update;
        }

        var (usage, estimated) = Complete(reported, messageList, outputChars);
        var trailing = new ChatResponseUpdate { AdditionalProperties = [] };
        if (estimated)
        {
            // Callers that fold updates into a ChatResponse then get Usage too, with the estimated flag beside it.
            trailing.Contents.Add(new UsageContent(usage));
        }

        Record(trailing.AdditionalProperties, usage, estimated, modelId ?? ChatClientModel.Resolve(InnerClient, options));
        yield return trailing;
    }

    private static (UsageDetails Usage, bool Estimated) Complete(UsageDetails? reported, IEnumerable<ChatMessage> messages, long outputChars)
    {
        if (reported is { InputTokenCount: not null, OutputTokenCount: not null })
        {
            return (reported, false);
        }

        var usage = reported ?? new UsageDetails();
        usage.InputTokenCount ??= TokenEstimator.FromMessages(messages);
        usage.OutputTokenCount ??= TokenEstimator.FromChars(outputChars);
        usage.TotalTokenCount = usage.InputTokenCount + usage.OutputTokenCount;
        return (usage, true);
    }

    private void Record(AdditionalPropertiesDictionary properties, UsageDetails usage, bool estimated, string? modelId)
    {
        var price = _options.Prices?.Find(modelId);
        properties[KeelPropertyNames.CostUsd] = price?.CostOf(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, CachedInputTokens(usage));
        properties[KeelPropertyNames.UsageEstimated] = estimated;
        if (price is not null)
        {
            properties[KeelPropertyNames.PriceTableVersion] = _options.Prices!.Version;
        }
    }

    // Older adapters report cached prompt tokens only in AdditionalCounts, under their provider's own name.
    private static long CachedInputTokens(UsageDetails usage)
    {
        if (usage.CachedInputTokenCount is { } cached)
        {
            return cached;
        }

        if (usage.AdditionalCounts is { } counts)
        {
            foreach (var key in (ReadOnlySpan<string>)["InputTokenDetails.CachedTokenCount", "cached_tokens"])
            {
                if (counts.TryGetValue(key, out var value))
                {
                    return value;
                }
            }
        }

        return 0;
    }
}
