using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Puts the identity of the prompt a call was rendered from on the call's GenAI span:
/// <c>gen_ai.prompt.name</c>, <c>keel.prompt.version</c> and <c>keel.prompt.label</c>.</summary>
/// <remarks>It sits directly inside MEAI's <c>OpenTelemetryChatClient</c>, so <see cref="Activity.Current"/> is the
/// attempt's span when a call reaches it; it tags only spans of <see cref="KeelTelemetry.SourceName"/> and only
/// with the keys <see cref="PromptLibrary"/> set in <c>ChatOptions.AdditionalProperties</c>
/// (<see cref="KeelPropertyNames.PromptName"/>, …). A call without them, or with no listener, is passed through.</remarks>
internal sealed class PromptSpanChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The OTel GenAI registry's attribute for a prompt's name (development stability); it has none for a
    /// prompt's version or label, hence Keel's own names for those.</summary>
    public const string NameAttribute = "gen_ai.prompt.name";

    public const string VersionAttribute = "keel.prompt.version";

    public const string LabelAttribute = "keel.prompt.label";

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Tag(options);
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // MEAI starts the span before it asks its inner client for the stream, so the span is current here.
        Tag(options);
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    private static void Tag(ChatOptions? options)
    {
        if (Activity.Current is not { IsAllDataRequested: true } span || span.Source.Name != KeelTelemetry.SourceName
            || options?.AdditionalProperties is not { Count: > 0 } properties)
        {
            return;
        }

        SetIfPresent(span, NameAttribute, PipelineProperties.Get<string>(properties, KeelPropertyNames.PromptName));
        SetIfPresent(span, VersionAttribute, PipelineProperties.Get<string>(properties, KeelPropertyNames.PromptVersion));
        SetIfPresent(span, LabelAttribute, PipelineProperties.Get<string>(properties, KeelPropertyNames.PromptLabel));
    }

    private static void SetIfPresent(Activity span, string attribute, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            span.SetTag(attribute, value);
        }
    }
}
