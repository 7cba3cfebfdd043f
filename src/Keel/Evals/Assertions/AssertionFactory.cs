using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Builds assertions from their suite entries; an unknown type or a bad setting is a suite error.</summary>
internal static class AssertionFactory
{
    public static readonly IReadOnlyList<string> DeterministicTypes =
    [
        "equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all", "regex",
        "is-json", "json-schema", "levenshtein", "rouge-n", "rouge-l", "bleu", "similarity", "latency", "tokens", "cost",
        "tool-call-valid", "tool-trajectory", "ndcg", "recall", "mrr", "citations-valid", "cites-source", "abstains",
    ];

    public static IReadOnlyList<string> JudgeTypes => JudgeAssertions.Types;

    public static bool IsKnown(string type) => DeterministicTypes.Contains(Bare(type)) || JudgeTypes.Contains(Bare(type));

    private static string Bare(string type) => type.StartsWith("not-", StringComparison.Ordinal) ? type[4..] : type;

    /// <exception cref="KeelConfigurationException">The type is unknown or a setting is missing or malformed; the message
    /// starts with <paramref name="where"/>.</exception>
    public static IEvalAssertion Create(EvalAssertionConfig config, AssertionContext context, string where)
    {
        if (context.Judge is null && JudgeTypes.Contains(Bare(config.Type)))
        {
            throw new KeelConfigurationException($"{config.Location ?? where}: assertion type '{config.Type}' is model-graded and needs a judge model: add judge: MODEL (a name under models: in keel.yaml) to the suite.");
        }

        var name = config.Name ?? config.Type;
        if (config.Type.StartsWith("not-", StringComparison.Ordinal))
        {
            return new NotAssertion(name, Create(config with { Type = config.Type[4..], Name = config.Type[4..] }, context, where));
        }

        var values = config.Values.Count > 0 ? config.Values : config.Value is { } single ? [single] : [];
        return config.Type switch
        {
            "equals" => new EqualsAssertion(name, config.Value),
            "contains" or "icontains" or "contains-any" or "contains-all" or "icontains-any" or "icontains-all" =>
                new ContainsAssertion(name, values, config.Type.StartsWith('i'), !config.Type.EndsWith("-any", StringComparison.Ordinal)),
            "regex" => new RegexAssertion(name, BuildRegex(Require(config.Value, where, "a pattern"), where)),
            "is-json" => config.Value is null ? new IsJsonAssertion(name) : new JsonSchemaAssertion(name, LoadSchema(config.Value, context, where)),
            "json-schema" => new JsonSchemaAssertion(name, LoadSchema(Require(config.Value, where, "a schema file or inline JSON Schema"), context, where)),
            "levenshtein" => new LevenshteinAssertion(name, config.Value, (int)(config.Threshold ?? 5)),
            "rouge-n" => new OverlapScoreAssertion(name, config.Value, config.Threshold ?? 0.5, (c, r) => TextMetrics.RougeN(c, r, config.K ?? 1)),
            "rouge-l" => new OverlapScoreAssertion(name, config.Value, config.Threshold ?? 0.5, TextMetrics.RougeL),
            "bleu" => new OverlapScoreAssertion(name, config.Value, config.Threshold ?? 0.5, (c, r) => TextMetrics.Bleu(c, r, config.K ?? 4)),
            "similarity" => new SimilarityAssertion(name, config.Value, config.Threshold ?? 0.8, context.Embedder),
            "latency" => new LimitAssertion(name, "ms", RequireThreshold(config, where), o => o.Latency.TotalMilliseconds),
            "tokens" => new LimitAssertion(name, "tokens", RequireThreshold(config, where), o => o.InputTokens is null && o.OutputTokens is null ? null : (o.InputTokens ?? 0) + (o.OutputTokens ?? 0)),
            "cost" => new LimitAssertion(name, "USD", RequireThreshold(config, where), o => (double?)o.CostUsd),
            "tool-call-valid" => new ToolCallValidityAssertion(name, string.Equals(config.Value, "required", StringComparison.Ordinal)),
            "tool-trajectory" => new ToolTrajectoryAssertion(name, values, config.Ordered),
            "ndcg" => new RetrievalAssertion(name, "ndcg", config.K ?? 5, config.Threshold ?? 0.5),
            "recall" => new RetrievalAssertion(name, "recall", config.K ?? 5, config.Threshold ?? 1),
            "mrr" => new RetrievalAssertion(name, "mrr", config.K ?? 5, config.Threshold ?? 0.5),
            "citations-valid" => new CitationAssertion(name, expectedSource: false),
            "cites-source" => new CitationAssertion(name, expectedSource: true),
            "abstains" => new AbstentionAssertion(name),
            _ when JudgeTypes.Contains(config.Type) => CreateJudge(config, context, where),
            _ => throw new KeelConfigurationException($"{where}: unknown assertion type '{config.Type}'; expected one of {string.Join(", ", DeterministicTypes.Concat(JudgeTypes))} (or not-TYPE)."),
        };
    }

    /// <summary>The one place model-graded assertions are built: the entry's own <c>settings:</c> plus its <c>value</c>,
    /// <c>threshold</c> and <c>name</c> go to <see cref="JudgeAssertions.Create"/>; the runner's keys (<c>weight</c>,
    /// <c>tags</c>) stay here, and <c>k</c> or <c>ordered</c> on a judge is a mistake.</summary>
    private static IEvalAssertion CreateJudge(EvalAssertionConfig config, AssertionContext context, string where)
    {
        if (config.K is not null || !config.Ordered)
        {
            throw new KeelConfigurationException($"{where}: {(config.K is not null ? "k" : "ordered")}: the {config.Type} judge does not read it.");
        }

        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, setting) in config.Settings)
        {
            settings[key] = setting;
        }

        object? value = config.Values.Count > 0 ? config.Values : config.Value;
        foreach (var (key, given) in new (string, object?)[] { ("value", value), ("threshold", config.Threshold), ("name", config.Name) })
        {
            if (given is null)
            {
                continue;
            }

            if (settings.ContainsKey(key))
            {
                throw new KeelConfigurationException($"{where}: {key} is given both as a key and under settings:; give it once.");
            }

            settings[key] = given;
        }

        IChatClient judge;
        try
        {
            judge = context.Judge!();
        }
        catch (KeelConfigurationException ex)
        {
            throw new KeelConfigurationException($"{where}: {ex.Message}", ex);
        }

        try
        {
            return JudgeAssertions.Create(config.Type, settings, judge);
        }
        catch (ArgumentException ex)
        {
            throw new KeelConfigurationException($"{where}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }

    private static string Require(string? value, string where, string what) =>
        value ?? throw new KeelConfigurationException($"{where}: value: expected {what}.");

    private static double RequireThreshold(EvalAssertionConfig config, string where) =>
        config.Threshold ?? throw new KeelConfigurationException($"{where}: threshold: expected the limit for {config.Type}.");

    private static Regex BuildRegex(string pattern, string where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new KeelConfigurationException($"{where}: value: not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static StructuredSchema LoadSchema(string value, AssertionContext context, string where)
    {
        var text = value.TrimStart().StartsWith('{') ? value : ReadSchemaFile(value, context, where);
        try
        {
            return StructuredSchema.FromJson(text);
        }
        catch (ArgumentException ex)
        {
            throw new KeelConfigurationException($"{where}: value: {ex.Message}", ex);
        }
    }

    private static string ReadSchemaFile(string path, AssertionContext context, string where)
    {
        var full = Path.GetFullPath(path, context.SuiteDirectory);
        return File.Exists(full) ? File.ReadAllText(full)
            : throw new KeelConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{where}: value: schema file '{path}' not found (relative to the suite file)."));
    }
}
