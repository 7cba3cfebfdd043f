using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Turns a suite file into a runnable <see cref="EvalSuite"/> with Keel's services: targets resolved against
/// keel.yaml's models, cases loaded, assertions built. Every mistake is found here, before any call is made.</summary>
internal static class EvalSuiteBuilder
{
    public static EvalSuite Load(string suitePath, string workingDirectory, IServiceProvider services, EvalCacheMode cacheMode)
    {
        var full = Path.GetFullPath(suitePath, workingDirectory);
        if (!File.Exists(full))
        {
            throw new KeelConfigurationException($"{suitePath}: suite file not found.");
        }

        var relative = Path.GetRelativePath(workingDirectory, full).Replace('\\', '/');
        var name = relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
        var config = EvalSuiteLoader.Parse(File.ReadAllText(full), name);
        return Build(config, full, name, services, cacheMode);
    }

    public static EvalSuite Build(EvalSuiteConfig config, string fullPath, string fileName, IServiceProvider services, EvalCacheMode cacheMode)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        var catalog = services.GetRequiredService<ModelCatalog>();
        var embedder = new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() => config.Embedder is null or "local"
            ? new LocalEmbeddingGenerator()
            : catalog.GetEmbeddingGenerator(config.Embedder));
        var context = new AssertionContext(
            directory,
            () => embedder.Value,
            () => config.Judge is { } judge ? catalog.GetChatClient(judge)
                : throw new KeelConfigurationException($"{fileName}: model-graded assertions need a judge model: add judge: MODEL (a name under models: in keel.yaml)."));
        if (config.Judge is { } judgeName)
        {
            catalog.GetConfig(judgeName); // an unknown judge is a suite error before the run, not an ERROR per case
        }

        var cases = EvalSuiteLoader.Cases(config, fullPath, fileName, context);
        if (config.Targets.Count == 0)
        {
            throw new KeelConfigurationException($"{fileName}: targets: expected at least one target (ask: {{docs: [PATH]}} or models: [NAME] with prompt:).");
        }

        var time = services.GetRequiredService<TimeProvider>();
        var cache = cacheMode == EvalCacheMode.Off ? null : new EvalCallCache(services.GetRequiredService<IResponseCacheStore>(), cacheMode, time);
        var targets = new List<IEvalTarget>();
        foreach (var (target, i) in config.Targets.Select((t, i) => (t, i)))
        {
            var where = $"{fileName}: targets[{i}]";
            if (target.Ask is { } ask)
            {
                var keel = services.GetRequiredService<KeelConfig>();
                targets.Add(new AskEvalTarget(
                    services.GetRequiredService<GroundedAnswerer>(),
                    services.GetRequiredService<DocumentIndex>(),
                    services.GetRequiredService<DocumentSearcher>(),
                    [.. ask.Docs.Select(d => Path.GetFullPath(d, directory))],
                    ask.TopK,
                    keel.Ask.TopK,
                    time));
                CheckInputs(cases, where);
                continue;
            }

            if (target.Models.Count == 0)
            {
                throw new KeelConfigurationException($"{where}: expected ask: or models: [NAME, …].");
            }

            if (target.PromptRef is { } reference)
            {
                // MERGE(prompts): resolve NAME@label|version through the prompt registry into messages here.
                throw new KeelConfigurationException($"{where}: prompt: '{reference}' names a prompt file; prompt files are wired after the prompts branch merges. Write the messages inline for now (prompt: [{{role, content}}]).");
            }

            if (target.Prompt.Count == 0)
            {
                throw new KeelConfigurationException($"{where}: prompt: expected messages ([{{role: user, content: \"{{{{question}}}}\"}}]).");
            }

            if (target.Prompt.FirstOrDefault(m => m.Role is not ("system" or "user" or "assistant")) is { } message)
            {
                throw new KeelConfigurationException($"{where}: prompt: role '{message.Role}'; expected system, user or assistant.");
            }

            CheckVariables(target.Prompt, cases, where);
            var options = EvalSuiteLoader.Options(target, where);
            foreach (var model in target.Models)
            {
                catalog.GetConfig(model);
                var name = target.Name is null ? model : $"{target.Name}:{model}";
                targets.Add(new ModelEvalTarget(name, model, catalog.GetChatClient(model), target.Prompt, options, cache, time));
            }
        }

        if (targets.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw new KeelConfigurationException($"{fileName}: targets: two targets have the same name; give them name: keys.");
        }

        return new EvalSuite
        {
            Name = fileName,
            Description = config.Description,
            Targets = targets,
            Cases = cases,
            Repeat = config.Repeat,
            Concurrency = config.Concurrency,
            Gates = config.Gates,
            BaselinePath = config.Baseline is null ? null : Path.GetFullPath(config.Baseline, directory),
        };
    }

    private static void CheckInputs(List<EvalCase> cases, string where)
    {
        if (cases.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Input)) is { } empty)
        {
            throw new KeelConfigurationException($"{where}: case '{empty.Id}' has no question; give it input: or a question variable.");
        }
    }

    private static void CheckVariables(IReadOnlyList<EvalMessageConfig> prompt, List<EvalCase> cases, string where)
    {
        var used = prompt.SelectMany(m => PromptTemplate.Variables(m.Content)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var evalCase in cases)
        {
            if (used.FirstOrDefault(v => !evalCase.Vars.ContainsKey(v)) is { } missing)
            {
                throw new KeelConfigurationException($"{where}: the prompt uses {{{{{missing}}}}} but case '{evalCase.Id}' has no such variable ({string.Join(", ", evalCase.Vars.Keys)}).");
            }
        }
    }
}
