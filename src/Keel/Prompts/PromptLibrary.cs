using System.Collections.ObjectModel;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The prompt files of a directory (<c>*.prompt.md</c>, recursively) and their lockfile
/// (<c>keel.prompts.lock.yaml</c>): resolves <c>NAME</c>, <c>NAME@label</c> or <c>NAME@version</c> and renders it.</summary>
/// <remarks>Get it from <c>services.AddKeel()</c> (directory <c>prompts.path</c> in keel.yaml, default <c>prompts</c>)
/// or with <see cref="Load(string)"/>. Files are read once, when loaded; every file is parsed and checked then, so a
/// bad file fails the load with <see cref="PromptException"/> naming the file and line. A missing directory is an
/// empty library. Thread-safe.</remarks>
public sealed partial class PromptLibrary
{
    private readonly Dictionary<string, PromptDefinition> _current;
    private readonly Dictionary<(string Name, string Version), PromptDefinition> _stored = [];
    private readonly Lock _lock = new();

    private PromptLibrary(string directory, string displayDirectory, Dictionary<string, PromptDefinition> current, PromptLockfile lockfile)
    {
        Directory = directory;
        DisplayDirectory = displayDirectory;
        _current = current;
        Lockfile = lockfile;
    }

    /// <summary>Gets the directory the prompts were read from (full path).</summary>
    public string Directory { get; }

    /// <summary>Gets every prompt name: those with a file and those with only labelled versions in the lockfile, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _current.Keys.Union(Lockfile.Names).Order(StringComparer.Ordinal)];

    internal string DisplayDirectory { get; }

    internal PromptLockfile Lockfile { get; }

    /// <summary>Reads every prompt file under <paramref name="directory"/> and its lockfile.</summary>
    /// <param name="directory">The prompts directory.</param>
    /// <returns>The library; empty when the directory does not exist.</returns>
    /// <exception cref="PromptException">A prompt file or the lockfile is malformed, or two files declare one name.</exception>
    public static PromptLibrary Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Load(Path.GetFullPath(directory), directory);
    }

    internal static PromptLibrary Load(string directory, string displayDirectory)
    {
        var current = new Dictionary<string, PromptDefinition>(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*" + PromptParser.Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var source = Display(directory, displayDirectory, file);
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                var definition = PromptParser.Parse(File.ReadAllText(file), source, PromptParser.NameOf(relative));
                if (current.TryGetValue(definition.Name, out var other))
                {
                    throw new PromptException($"{source}: the prompt name '{definition.Name}' is also used by {other.Source}; names must be unique.");
                }

                current[definition.Name] = definition;
            }
        }

        var lockfile = PromptLockfile.Load(Path.Combine(directory, PromptLockfile.FileName), Path.Combine(displayDirectory, PromptLockfile.FileName));
        return new PromptLibrary(directory, displayDirectory, current, lockfile);
    }

    /// <summary>Renders a prompt.</summary>
    /// <param name="reference"><c>NAME</c> (the prompt file as it is now, or the label a split picks for
    /// <paramref name="splitKey"/>), <c>NAME@label</c>, or <c>NAME@version</c> (a version or a unique prefix of at least 4 digits).</param>
    /// <param name="variables">Values for the prompt's inputs, checked against their declared types; CLR values,
    /// <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>.</param>
    /// <param name="splitKey">A user or session id: with a bare <c>NAME</c> whose lockfile has a split, picks the label by
    /// a sticky hash of the key.</param>
    /// <returns>The messages and options to send, with the prompt's identity in the options.</returns>
    /// <exception cref="PromptException">No such prompt, label or version; or an unknown, missing or mistyped variable
    /// (the message names the variable, the file and the line).</exception>
    public RenderedPrompt Render(string reference, IReadOnlyDictionary<string, object?>? variables = null, string? splitKey = null)
    {
        var (definition, label) = Resolve(reference, splitKey);
        return Render(definition, label, variables ?? ReadOnlyDictionary<string, object?>.Empty);
    }

    internal static RenderedPrompt Render(PromptDefinition definition, string? label, IReadOnlyDictionary<string, object?> variables)
    {
        var messages = definition.RenderMessages(variables);
        var options = new ChatOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [KeelPropertyNames.PromptName] = definition.Name,
                [KeelPropertyNames.PromptVersion] = definition.Version,
            },
        };
        if (label is not null)
        {
            options.AdditionalProperties[KeelPropertyNames.PromptLabel] = label;
        }

        definition.Parameters.ApplyTo(options);
        if (definition.Tools.Count > 0)
        {
            options.Tools = [.. definition.Tools];
        }

        return new RenderedPrompt(definition.Name, definition.Version, label, definition.Model, messages, options, definition.OutputSchema);
    }

    private static string Display(string directory, string displayDirectory, string file) =>
        Path.Combine(displayDirectory, Path.GetRelativePath(directory, file)).Replace('\\', '/');
}
