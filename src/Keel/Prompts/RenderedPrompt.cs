using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A prompt rendered for one call: its messages, its chat options and which version it was.</summary>
/// <remarks><see cref="Options"/> carries the prompt's parameters, tools and identity
/// (<see cref="KeelPropertyNames.PromptName"/>, <see cref="KeelPropertyNames.PromptVersion"/>,
/// <see cref="KeelPropertyNames.PromptLabel"/>), so a call through a Keel model records them in its trace.</remarks>
public sealed class RenderedPrompt
{
    internal RenderedPrompt(string name, string version, string? label, string? model, IList<ChatMessage> messages, ChatOptions options, JsonElement? outputSchema)
    {
        Name = name;
        Version = version;
        Label = label;
        Model = model;
        Messages = messages;
        Options = options;
        OutputSchema = outputSchema;
    }

    /// <summary>Gets the prompt's name.</summary>
    public string Name { get; }

    /// <summary>Gets the version rendered: the first 12 hex digits of the SHA-256 of the prompt file's normalised text.</summary>
    public string Version { get; }

    /// <summary>Gets the label the version was resolved by (<c>production</c>, a split's pick, …), or null when it was
    /// asked for by name or version.</summary>
    public string? Label { get; }

    /// <summary>Gets the configured model the prompt names (<c>model:</c>), for <see cref="ModelCatalog.GetChatClient"/>; null when it names none.</summary>
    public string? Model { get; }

    /// <summary>Gets the rendered messages, one per role section that rendered to some text.</summary>
    public IList<ChatMessage> Messages { get; }

    /// <summary>Gets the options to send the messages with: parameters, tool declarations and the prompt's identity.</summary>
    public ChatOptions Options { get; }

    /// <summary>Gets the JSON Schema the answer must satisfy (<c>output.schema</c>), for
    /// <see cref="StructuredChatClientExtensions.GetStructuredAsync(IChatClient, IEnumerable{ChatMessage}, JsonElement, StructuredOptions?, CancellationToken)"/>; null when the prompt has none.</summary>
    public JsonElement? OutputSchema { get; }
}
