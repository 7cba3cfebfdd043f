using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel;

internal sealed partial class PromptLockfile
{
    private void Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw Error(ex.Start, $"not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || YamlJson.IsNull(stream.Documents[0].RootNode))
        {
            return;
        }

        var splits = new List<(string Name, YamlNode Node)>();
        foreach (var (keyNode, value) in Mapping(stream.Documents[0].RootNode, "the lockfile"))
        {
            switch (Scalar(keyNode))
            {
                case "labels":
                    ReadNested(value, "labels", (name, label, node) =>
                    {
                        var version = Scalar(node);
                        if (!IsValidLabel(label) || !PromptVersion.LooksLikeVersion(version) || version.Length != PromptVersion.Length)
                        {
                            throw Error(node.Start, $"labels.{name}.{label}: expected a label (lowercase letters, digits, '-', '_') mapped to a {PromptVersion.Length}-digit version");
                        }

                        GetOrAdd(_labels, name)[label] = version;
                    });
                    break;
                case "versions":
                    ReadNested(value, "versions", (name, version, node) =>
                    {
                        var text = PromptVersion.Normalise(Scalar(node));
                        if (PromptVersion.Of(text) != version)
                        {
                            throw Error(node.Start, $"versions.{name}.{version}: the stored text hashes to {PromptVersion.Of(text)}, not {version}; the lockfile was edited by hand. Restore it from version control or re-label with keel prompts label.");
                        }

                        GetOrAdd(_versions, name)[version] = text;
                    });
                    break;
                case "splits":
                    foreach (var (nameNode, arms) in Mapping(value, "splits"))
                    {
                        splits.Add((Scalar(nameNode), arms));
                    }

                    break;
                default:
                    throw Error(keyNode.Start, $"unknown key '{Scalar(keyNode)}'; expected one of: labels, splits, versions");
            }
        }

        foreach (var (name, version) in _labels.SelectMany(p => p.Value.Values.Select(v => (p.Key, v))))
        {
            if (StoredText(name, version) is null)
            {
                throw new PromptException($"{Source}: labels.{name} points at version {version}, whose text is not under versions.{name}; re-label with keel prompts label.");
            }
        }

        foreach (var (name, node) in splits)
        {
            _splits[name] = ReadSplit(name, node);
        }
    }

    private PromptSplit ReadSplit(string name, YamlNode node)
    {
        var arms = new List<(string Label, int Weight)>();
        foreach (var (labelNode, weightNode) in Mapping(node, $"splits.{name}"))
        {
            var label = Scalar(labelNode);
            if (!Labels(name).ContainsKey(label))
            {
                throw Error(labelNode.Start, $"splits.{name}: no label '{label}' for {name} (labels: {(Labels(name).Count == 0 ? "none" : string.Join(", ", Labels(name).Keys))}); label a version first with keel prompts label");
            }

            if (!int.TryParse(Scalar(weightNode), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 1_000_000)
            {
                throw Error(weightNode.Start, $"splits.{name}.{label}: expected a whole-number weight from 0 to 1000000, got '{Scalar(weightNode)}'");
            }

            arms.Add((label, weight));
        }

        if (arms.Sum(a => a.Weight) == 0)
        {
            throw Error(node.Start, $"splits.{name}: the weights add up to 0; give at least one label a positive weight");
        }

        return new PromptSplit([.. arms.OrderBy(a => a.Label, StringComparer.Ordinal)]);
    }

    private void ReadNested(YamlNode node, string path, Action<string, string, YamlNode> read)
    {
        foreach (var (nameNode, inner) in Mapping(node, path))
        {
            var name = Scalar(nameNode);
            foreach (var (keyNode, value) in Mapping(inner, $"{path}.{name}"))
            {
                read(name, Scalar(keyNode), value);
            }
        }
    }

    private IEnumerable<KeyValuePair<YamlNode, YamlNode>> Mapping(YamlNode node, string path) =>
        node as YamlMappingNode is { } mapping ? mapping.Children : YamlJson.IsNull(node) ? [] : throw Error(node.Start, $"{path}: expected a mapping");

    private string Scalar(YamlNode node) => (node as YamlScalarNode)?.Value ?? throw Error(node.Start, "expected a single value");

    private PromptException Error(Mark mark, string message) => new($"{Source}:{mark.Line}: {message}");
}
