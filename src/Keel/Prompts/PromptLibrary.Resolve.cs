namespace Keel;

public sealed partial class PromptLibrary
{
    /// <summary>The prompt file as it is now, or null when the name has only labelled versions.</summary>
    internal PromptDefinition? Current(string name) => _current.GetValueOrDefault(name);

    /// <summary><c>NAME@label|version</c> as its name and what follows the last <c>@</c> (null without one).</summary>
    internal static (string Name, string? Selector) SplitReference(string reference)
    {
        var at = reference.LastIndexOf('@');
        return at < 0 ? (reference, null) : (reference[..at], reference[(at + 1)..]);
    }

    /// <summary>Finds the version a reference names, and the label it was found by.</summary>
    internal (PromptDefinition Definition, string? Label) Resolve(string reference, string? splitKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var (name, selector) = SplitReference(reference);
        var current = _current.GetValueOrDefault(name);
        var labels = Lockfile.Labels(name);
        if (current is null && labels.Count == 0)
        {
            throw UnknownPrompt(name);
        }

        if (selector is null && splitKey is not null && Lockfile.Split(name) is { } split)
        {
            selector = split.Select(name, splitKey);
        }

        if (selector is null)
        {
            return current is not null
                ? (current, null)
                : throw new PromptException($"'{name}' has no file in {DisplayDirectory}, only labelled versions; ask for one: {string.Join(", ", labels.Keys.Select(l => $"{name}@{l}"))}.");
        }

        if (labels.TryGetValue(selector, out var labelled))
        {
            return (Version(name, labelled), selector);
        }

        if (PromptVersion.LooksLikeVersion(selector))
        {
            var matches = Lockfile.StoredVersions(name).Append(current?.Version).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(v => v.StartsWith(selector, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1)
            {
                return (Version(name, matches[0]), null);
            }

            if (matches.Count > 1)
            {
                throw new PromptException($"'{reference}': the prefix matches versions {string.Join(", ", matches)}; give more digits.");
            }
        }

        throw new PromptException($"'{reference}': {name} has no label or version '{selector}'. {Describe(name)}");
    }

    /// <summary>Points a label at the version a reference names, and writes the lockfile.</summary>
    internal PromptDefinition SetLabel(string reference, string label)
    {
        var (definition, _) = Resolve(reference);
        lock (_lock)
        {
            Lockfile.SetLabel(definition.Name, label, definition.Version, definition.Text);
            Lockfile.Save();
        }

        return definition;
    }

    /// <summary>Removes a label of a prompt and writes the lockfile.</summary>
    /// <returns>The version the label pointed at.</returns>
    /// <exception cref="PromptException">No such prompt or label, or a split of the prompt still uses the label.</exception>
    internal string RemoveLabel(string name, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!_current.ContainsKey(name) && Lockfile.Labels(name).Count == 0)
        {
            throw UnknownPrompt(name);
        }

        lock (_lock)
        {
            var version = Lockfile.RemoveLabel(name, label);
            Lockfile.Save();
            return version;
        }
    }

    internal string Describe(string name)
    {
        var current = _current.GetValueOrDefault(name);
        var labels = Lockfile.Labels(name);
        var parts = new List<string>();
        if (current is not null)
        {
            parts.Add($"The file is at version {current.Version}");
        }

        parts.Add(labels.Count == 0 ? "it has no labels" : "labels: " + string.Join(", ", labels.Select(l => $"{l.Key} → {l.Value}")));
        return string.Join("; ", parts) + ".";
    }

    private PromptException UnknownPrompt(string name)
    {
        var known = Names;
        return new PromptException($"no prompt named '{name}' in {DisplayDirectory}{(System.IO.Directory.Exists(Directory) ? "" : " (the directory does not exist)")}; {(known.Count == 0 ? $"add a {name}{PromptParser.Extension} file there" : "prompts: " + string.Join(", ", known))}.");
    }

    private PromptDefinition Version(string name, string version)
    {
        if (_current.GetValueOrDefault(name) is { } current && current.Version == version)
        {
            return current;
        }

        lock (_lock)
        {
            if (!_stored.TryGetValue((name, version), out var stored))
            {
                var text = Lockfile.StoredText(name, version)
                    ?? throw new PromptException($"{Lockfile.Source}: {name} version {version} is not stored; re-label it with keel prompts label.");
                var source = (_current.GetValueOrDefault(name)?.Source ?? $"{DisplayDirectory}/{name}{PromptParser.Extension}") + "@" + version;
                stored = PromptParser.Parse(text, source, name);
                _stored[(name, version)] = stored;
            }

            return stored;
        }
    }
}
