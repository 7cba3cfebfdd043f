using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel;

/// <summary>Reads a suite file strictly: a mistake is a <see cref="KeelConfigurationException"/> naming the file, line,
/// column and what was expected.</summary>
internal static class EvalSuiteLoader
{
    public static EvalSuiteConfig Parse(string yaml, string fileName)
    {
        var root = Mapping(yaml, fileName, "a mapping with targets, cases or dataset, and assert");
        Normalize(root, fileName);
        var config = (EvalSuiteConfig)new YamlBinder(fileName).Bind(root, typeof(EvalSuiteConfig), "");
        config = config with { Assert = Located(config.Assert, root, fileName) };
        return root.Children.TryGetValue(new YamlScalarNode("cases"), out var cases) && cases is YamlSequenceNode items
            ? config with { Cases = [.. config.Cases.Zip(items.Children, (c, node) => (c with { Assert = Located(c.Assert, node, fileName) }).At($"{fileName}:{node.Start.Line}"))] }
            : config;
    }

    /// <summary>The assertions of <paramref name="owner"/>'s <c>assert:</c> list, each located at its <c>type</c>.</summary>
    private static IReadOnlyList<EvalAssertionConfig> Located(IReadOnlyList<EvalAssertionConfig> assertions, YamlNode owner, string fileName)
    {
        if (owner is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("assert"), out var list) || list is not YamlSequenceNode items)
        {
            return assertions;
        }

        return [.. assertions.Zip(items.Children, (assertion, node) =>
        {
            var type = node is YamlMappingNode item && item.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode) ? typeNode : node;
            return assertion.At($"{fileName}:{type.Start.Line}:{type.Start.Column}");
        })];
    }

    /// <summary>One assertion written as an item of a suite's <c>assert:</c> list, e.g. <c>{type: contains, value: 60 days}</c>.</summary>
    public static IEvalAssertion Assertion(string yaml, AssertionContext context)
    {
        const string fileName = "assertion";
        var root = Mapping(yaml, fileName, "a mapping such as {type: contains, value: \"60 days\"}");

        // Normalised as the one item of an assert: list, so the type is checked and the shorthands apply as in a suite.
        Normalize(new YamlMappingNode(new YamlScalarNode("assert"), new YamlSequenceNode(root)), fileName);
        return Build((EvalAssertionConfig)new YamlBinder(fileName).Bind(root, typeof(EvalAssertionConfig), ""), context, fileName);
    }

    private static YamlMappingNode Mapping(string yaml, string fileName, string expected)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new KeelConfigurationException($"{fileName}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}", ex);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? root
            : throw new KeelConfigurationException($"{fileName}:1:1: expected {expected}.");
    }

    /// <summary>Accepts the shorthands the binder cannot type (<c>prompt: NAME@label</c>, <c>value: [a, b]</c>) and
    /// checks assertion types where their line is still known.</summary>
    private static void Normalize(YamlNode node, string fileName)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                Rename(mapping, "prompt", "prompt_ref", n => n is YamlScalarNode);
                Rename(mapping, "value", "values", n => n is YamlSequenceNode);
                foreach (var jsonKey in new[] { "value", "parameters" })
                {
                    if (mapping.Children.TryGetValue(new YamlScalarNode(jsonKey), out var inline) && inline is YamlMappingNode schema)
                    {
                        mapping.Children[new YamlScalarNode(jsonKey)] = new YamlScalarNode(YamlJson.ToJson(schema)!.ToJsonString());
                    }
                }

                if (mapping.Children.TryGetValue(new YamlScalarNode("assert"), out var list) && list is YamlSequenceNode assertions)
                {
                    foreach (var item in assertions.Children.OfType<YamlMappingNode>())
                    {
                        if (item.Children.TryGetValue(new YamlScalarNode("type"), out var type) && type is YamlScalarNode { Value: { } name } && !AssertionFactory.IsKnown(name))
                        {
                            throw new KeelConfigurationException($"{fileName}:{type.Start.Line}:{type.Start.Column}: unknown assertion type '{name}'; expected one of {string.Join(", ", AssertionFactory.DeterministicTypes.Concat(AssertionFactory.JudgeTypes))} (or not-TYPE).");
                        }
                    }
                }

                // Variables and judge settings are the user's own keys: never rewritten.
                foreach (var (key, child) in mapping.Children.ToList())
                {
                    if (key is not YamlScalarNode { Value: "vars" or "settings" })
                    {
                        Normalize(child, fileName);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Normalize(child, fileName);
                }

                break;
        }
    }

    private static void Rename(YamlMappingNode mapping, string from, string to, Func<YamlNode, bool> when)
    {
        var key = new YamlScalarNode(from);
        if (mapping.Children.TryGetValue(key, out var value) && when(value))
        {
            mapping.Children.Remove(key);
            mapping.Children.Add(new YamlScalarNode(to), value);
        }
    }

    /// <summary>Cases from the dataset file and the inline <c>cases:</c>, each with an id, an input and its assertions built.</summary>
    public static List<EvalCase> Cases(EvalSuiteConfig config, string suitePath, string fileName, AssertionContext context)
    {
        var configs = new List<(EvalCaseConfig Case, string Where)>();
        if (config.Dataset is { } dataset)
        {
            var full = Path.GetFullPath(dataset, Path.GetDirectoryName(suitePath)!);
            configs.AddRange(EvalDatasetLoader.Load(full, dataset).Select((c, i) => (c, $"{dataset}: case {i + 1}")));
        }

        configs.AddRange(config.Cases.Select((c, i) => (c, $"{fileName}: cases[{i}]")));
        if (configs.Count == 0)
        {
            throw new KeelConfigurationException($"{fileName}: the suite has no cases; add cases: or dataset: FILE (.jsonl, .csv or .yaml).");
        }

        var suiteAssertions = config.Assert.Select((a, i) => (a.Tags, Assertion: Build(a, context, $"{fileName}: assert[{i}]"))).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cases = new List<EvalCase>(configs.Count);
        foreach (var ((c, where), index) in configs.Select((c, i) => (c, i)))
        {
            var id = c.Id ?? (index + 1).ToString(CultureInfo.InvariantCulture);
            if (!ids.Add(id))
            {
                throw new KeelConfigurationException($"{where}: id '{id}' is used by another case; ids pair cases with the baseline, so they must be unique.");
            }

            var input = c.Input ?? c.Vars.GetValueOrDefault("question") ?? c.Vars.GetValueOrDefault("input") ?? "";
            cases.Add(new EvalCase
            {
                Id = id,
                Location = c.Location ?? where,
                Input = input,
                Vars = c.Vars.ContainsKey("input") || input.Length == 0 ? c.Vars : new Dictionary<string, string>(c.Vars) { ["input"] = input },
                Expected = c.Expected,
                Tags = c.Tags,
                Sources = c.Sources,
                Abstain = c.Abstain,
                Assertions = [
                    .. c.Assert.Select((a, i) => Build(a, context, $"{where}: assert[{i}]")),
                    .. suiteAssertions.Where(s => s.Tags.Count == 0 || s.Tags.Any(c.Tags.Contains)).Select(s => s.Assertion),
                ],
            });
        }

        return cases;
    }

    public static ChatOptions Options(EvalTargetConfig target, string where)
    {
        var options = new ChatOptions { Temperature = (float?)target.Temperature, MaxOutputTokens = target.MaxTokens };
        if (target.Tools.Count > 0)
        {
            options.Tools = [.. target.Tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description ?? "", ToolSchema(t, where)))];
        }

        return options;
    }

    private static JsonElement ToolSchema(EvalToolConfig tool, string where)
    {
        if (tool.Parameters is null)
        {
            return JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
        }

        try
        {
            using var document = JsonDocument.Parse(tool.Parameters);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new KeelConfigurationException($"{where}: tools.{tool.Name}.parameters: expected a JSON Schema: {ex.Message}", ex);
        }
    }

    private static IEvalAssertion Build(EvalAssertionConfig config, AssertionContext context, string where)
    {
        var assertion = AssertionFactory.Create(config, context, where);
        return config.Weight == 1 ? assertion : new WeightedAssertion(assertion, config.Weight);
    }
}
