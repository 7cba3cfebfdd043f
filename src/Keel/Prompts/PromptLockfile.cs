using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keel;

/// <summary><c>keel.prompts.lock.yaml</c>, committed beside the prompts: each prompt's labels (label → version),
/// sticky traffic splits between labels, and the full text of every labelled version so that a version can still be
/// rendered after its file has changed.</summary>
internal sealed partial class PromptLockfile
{
    public const string FileName = "keel.prompts.lock.yaml";

    private const string Header = """
        # Keel prompt labels. `keel prompts label NAME@VERSION LABEL` writes labels and versions,
        # `keel prompts unlabel NAME LABEL` removes one; splits (label: weight, per prompt) are edited by hand.
        # Commit this file beside the prompts.

        """;

    private readonly SortedDictionary<string, SortedDictionary<string, string>> _labels = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _versions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, PromptSplit> _splits = new(StringComparer.Ordinal);

    private PromptLockfile(string path, string source)
    {
        Path = path;
        Source = source;
    }

    public string Path { get; }

    /// <summary>How errors name the file.</summary>
    public string Source { get; }

    public IEnumerable<string> Names => _labels.Keys;

    public IReadOnlyDictionary<string, string> Labels(string name) =>
        _labels.TryGetValue(name, out var labels) ? labels : new Dictionary<string, string>();

    public string? StoredText(string name, string version) =>
        _versions.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var text) ? text : null;

    public IEnumerable<string> StoredVersions(string name) => _versions.TryGetValue(name, out var versions) ? versions.Keys : [];

    public PromptSplit? Split(string name) => _splits.GetValueOrDefault(name);

    public static bool IsValidLabel(string label) => LabelPattern().IsMatch(label) && !PromptVersion.LooksLikeVersion(label);

    public static PromptLockfile Load(string path, string source)
    {
        var lockfile = new PromptLockfile(path, source);
        if (File.Exists(path))
        {
            lockfile.Read(File.ReadAllText(path));
        }

        return lockfile;
    }

    /// <summary>Points <paramref name="label"/> at a version, stores its text, and drops stored versions of the
    /// prompt that no label points at any more.</summary>
    public void SetLabel(string name, string label, string version, string text)
    {
        if (!IsValidLabel(label))
        {
            throw new PromptException($"'{label}' is not a valid label: use lowercase letters, digits, '-' and '_', starting with a letter, and not a version-like hex string.");
        }

        GetOrAdd(_labels, name)[label] = version;
        GetOrAdd(_versions, name)[version] = text;
        DropUnlabelledVersions(name);
    }

    /// <summary>Removes <paramref name="label"/> from a prompt and the stored versions no label points at any more;
    /// other labels and every split are kept as they are.</summary>
    /// <returns>The version the label pointed at.</returns>
    /// <exception cref="PromptException">The prompt has no such label, or a split still sends traffic to it.</exception>
    public string RemoveLabel(string name, string label)
    {
        var labels = Labels(name);
        if (!labels.TryGetValue(label, out var version))
        {
            throw new PromptException($"{Source}: {name} has no label '{label}' ({(labels.Count == 0 ? "it has no labels" : "labels: " + string.Join(", ", labels.Keys))}).");
        }

        if (Split(name) is { } split && split.Arms.Any(a => a.Label == label))
        {
            var arms = string.Join(", ", split.Arms.Select(a => $"{a.Label}: {a.Weight}"));
            var others = split.Arms.Where(a => a.Label != label).ToList();
            var fix = others.Count == 0 || others.Sum(a => a.Weight) == 0
                ? $"delete splits.{name} from {Source}"
                : $"delete the line '{label}: …' under splits.{name} in {Source} (or delete the whole split)";
            throw new PromptException($"{Source}: cannot remove {name}@{label}: the split splits.{name} ({arms}) still sends traffic to it; {fix}, then remove the label.");
        }

        _labels[name].Remove(label);
        DropUnlabelledVersions(name);
        if (_labels[name].Count == 0)
        {
            _labels.Remove(name);
            _versions.Remove(name);
        }

        return version;
    }

    private void DropUnlabelledVersions(string name)
    {
        var kept = _labels[name].Values.ToHashSet(StringComparer.Ordinal);
        foreach (var stale in _versions[name].Keys.Where(v => !kept.Contains(v)).ToList())
        {
            _versions[name].Remove(stale);
        }
    }

    public void Save()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.Write(Header);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart());
        Section(emitter, "labels", _labels, labels => Map(emitter, labels, v => Plain(emitter, v)));
        Section(emitter, "splits", _splits, split => Map(emitter, split.Arms.ToDictionary(a => a.Label, a => a.Weight), w => Plain(emitter, w.ToString(CultureInfo.InvariantCulture))));
        Section(emitter, "versions", _versions, versions => Map(emitter, versions, text => emitter.Emit(new Scalar(null, null, text, ScalarStyle.Literal, false, true))));
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);

        // Written beside and moved over, so a reader or a crash never sees half a lockfile.
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, writer.ToString());
        File.Move(temporary, Path, overwrite: true);
    }

    private static void Section<T>(Emitter emitter, string key, SortedDictionary<string, T> entries, Action<T> write)
    {
        Plain(emitter, key);
        emitter.Emit(new MappingStart());
        foreach (var (name, value) in entries)
        {
            Plain(emitter, name);
            write(value);
        }

        emitter.Emit(new MappingEnd());
    }

    private static void Map<T>(Emitter emitter, IEnumerable<KeyValuePair<string, T>> entries, Action<T> write)
    {
        emitter.Emit(new MappingStart());
        foreach (var (key, value) in entries)
        {
            Plain(emitter, key);
            write(value);
        }

        emitter.Emit(new MappingEnd());
    }

    private static void Plain(Emitter emitter, string value) => emitter.Emit(new Scalar(value));

    private static SortedDictionary<string, string> GetOrAdd(SortedDictionary<string, SortedDictionary<string, string>> map, string name)
    {
        if (!map.TryGetValue(name, out var inner))
        {
            inner = new SortedDictionary<string, string>(StringComparer.Ordinal);
            map[name] = inner;
        }

        return inner;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex LabelPattern();
}
