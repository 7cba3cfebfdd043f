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

        var name = NameOf(suitePath, workingDirectory);
        var config = EvalSuiteLoader.Parse(File.ReadAllText(full), name);
        return Build(config, full, name, services, cacheMode);
    }

    /// <summary>How a suite is named in messages and stored runs: its path relative to the working directory (with
    /// <c>/</c>), or its full path when it lies outside; <c>./a.yaml</c> and <c>a.yaml</c> name the same suite.</summary>
    public static string NameOf(string suitePath, string workingDirectory)
    {
        var full = Path.GetFullPath(suitePath, workingDirectory);
        var relative = Path.GetRelativePath(workingDirectory, full).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
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
            config.Judge is { } judge ? () => catalog.GetChatClient(judge) : null);
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
        var cache = cacheMode == EvalCacheMode.Off ? null : new EvalCallCache(
            new SqliteResponseCacheStore(services.GetRequiredService<SqliteDatabase>(), services.GetRequiredService<KeelConfig>().Evals.CacheMaxEntries, SqliteResponseCacheStore.EvalScope),
            cacheMode,
            time);
        var targets = new List<IEvalTarget>();
        var prompts = new List<(string Reference, PromptDefinition Prompt)>();
        var library = Prompts(config, directory, services);
        foreach (var (target, i) in config.Targets.Select((t, i) => (t, i)))
        {
            var where = $"{fileName}: targets[{i}]";
            if (target.Ask is { } ask)
            {
                var keel = services.GetRequiredService<KeelConfig>();
                targets.Add(new AskEvalTarget(
                    services.GetRequiredService<GroundedAnswerer>(),
                    services.GetRequiredService<DocumentIndex>(),
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
                var (render, promptOptions, prompt) = PromptFile(reference, target, cases, library, where);
                prompts.Add((reference, prompt));
                AddModels(target, render, promptOptions);
                continue;
            }

            if (target.Prompt.Count == 0)
            {
                throw new KeelConfigurationException($"{where}: prompt: expected messages ([{{role: user, content: \"{{{{question}}}}\"}}]) or a prompt file (prompt: NAME@label).");
            }

            if (target.Prompt.FirstOrDefault(m => m.Role is not ("system" or "user" or "assistant")) is { } message)
            {
                throw new KeelConfigurationException($"{where}: prompt: role '{message.Role}'; expected system, user or assistant.");
            }

            CheckVariables(target.Prompt, cases, where);
            var inline = target.Prompt;
            AddModels(
                target,
                c => [.. inline.Select(m => new ChatMessage(new ChatRole(m.Role), PromptTemplate.Render(m.Content, c.Vars, c.Id)))],
                EvalSuiteLoader.Options(target, where));
        }

        void AddModels(EvalTargetConfig target, Func<EvalCase, IList<ChatMessage>> render, ChatOptions options)
        {
            foreach (var model in target.Models)
            {
                catalog.GetConfig(model);
                var name = target.Name is null ? model : $"{target.Name}:{model}";
                targets.Add(new ModelEvalTarget(name, model, catalog.GetChatClient(model), render, options, cache, time));
            }
        }

        if (targets.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw new KeelConfigurationException($"{fileName}: targets: two targets have the same name; give them name: keys.");
        }

        var warnings = UnreadCaseVariables.Find(config, prompts, cases);
        if (config.Strict && warnings.Count > 0)
        {
            throw new KeelConfigurationException(string.Join("\n", warnings.Select(w => w.Message)) + $"\n({fileName} has strict: true, so these are errors: fix the names, or remove the variables.)");
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
            Warnings = warnings,
        };
    }

    /// <summary>Resolves <c>prompt: NAME@label|version</c> through the prompt library and renders it for every case now,
    /// so a missing or mistyped variable is a suite error before any call. The case's variables the prompt declares are
    /// its inputs (read as their declared types); the options carry the prompt's parameters and identity (name, version,
    /// label), so traces record which prompt each call came from. The target's <c>temperature</c>, <c>max_tokens</c> and
    /// <c>tools</c> are applied over the prompt's. Variables the prompt does not declare are left out here and reported
    /// by <see cref="UnreadCaseVariables"/> once every target is known.</summary>
    private static (Func<EvalCase, IList<ChatMessage>> Render, ChatOptions Options, PromptDefinition Prompt) PromptFile(
        string reference, EvalTargetConfig target, List<EvalCase> cases, Func<PromptLibrary> prompts, string where)
    {
        if (target.Prompt.Count > 0)
        {
            throw new KeelConfigurationException($"{where}: prompt: give a prompt file (NAME@label) or inline messages, not both.");
        }

        PromptLibrary library;
        PromptDefinition definition;
        string? label;
        try
        {
            library = prompts();
            (definition, label) = library.Resolve(reference);
        }
        catch (PromptException ex)
        {
            throw new KeelConfigurationException($"{where}: prompt: '{reference}': {ex.Message}", ex);
        }

        var rendered = new Dictionary<string, IList<ChatMessage>>(StringComparer.Ordinal);
        RenderedPrompt? first = null;
        foreach (var evalCase in cases)
        {
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var input in definition.Inputs)
            {
                if (evalCase.Vars.TryGetValue(input.Name, out var text))
                {
                    arguments[input.Name] = PromptValues.TryParse(text, input.Type, out var parsed) ? parsed
                        : throw new KeelConfigurationException($"{where}: prompt '{reference}', case '{evalCase.Id}': variable '{input.Name}' is '{text}', but the prompt declares it {input.TypeName} ({definition.Source}:{input.Line}).");
                }
            }

            try
            {
                var prompt = PromptLibrary.Render(definition, label, arguments);
                first ??= prompt;
                rendered[evalCase.Id] = prompt.Messages;
            }
            catch (PromptException ex)
            {
                throw new KeelConfigurationException($"{where}: prompt '{reference}', case '{evalCase.Id}': {ex.Message}", ex);
            }
        }

        var options = first!.Options;
        var overrides = EvalSuiteLoader.Options(target, where);
        options.Temperature = overrides.Temperature ?? options.Temperature;
        options.MaxOutputTokens = overrides.MaxOutputTokens ?? options.MaxOutputTokens;
        if (overrides.Tools is { Count: > 0 } tools)
        {
            options.Tools = [.. options.Tools ?? [], .. tools];
        }

        return (c => rendered[c.Id], options, definition);
    }

    /// <summary>The suite's own prompts directory (<c>prompts:</c>, relative to the suite file, as its dataset and
    /// baseline are), else keel.yaml's (<c>prompts.path</c>, relative to the working directory, as the store is).</summary>
    private static Func<PromptLibrary> Prompts(EvalSuiteConfig config, string suiteDirectory, IServiceProvider services)
    {
        if (config.Prompts is not { } prompts)
        {
            return services.GetRequiredService<PromptLibrary>;
        }

        var full = Path.GetFullPath(prompts, suiteDirectory);
        var relative = Path.GetRelativePath(services.GetRequiredService<IndexPaths>().WorkingDirectory, full).Replace('\\', '/');
        var library = new Lazy<PromptLibrary>(() => PromptLibrary.Load(full, relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative));
        return () => library.Value;
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
