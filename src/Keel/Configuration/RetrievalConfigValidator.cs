namespace Keel;

/// <summary>Checks what the binder cannot see in <c>embeddings:</c>, <c>search:</c> and <c>ask:</c>: that named models
/// exist and that the search mode has the vectors it needs.</summary>
internal static class RetrievalConfigValidator
{
    public static void Validate(KeelConfig config, string fileName)
    {
        var embeddings = config.Embeddings.Model;
        if (embeddings is not (EmbeddingsConfig.Local or EmbeddingsConfig.None) && !config.Models.ContainsKey(embeddings))
        {
            throw new KeelConfigurationException($"{fileName}: embeddings.model: '{embeddings}' is not 'local', 'none' or a model under models: ({Names(config.Models.Keys)}).");
        }

        if (!config.Embeddings.Enabled && config.Search.Mode is RetrievalMode.Vector or RetrievalMode.Hybrid)
        {
            throw new KeelConfigurationException($"{fileName}: search.mode: {YamlBinder.ToSnakeCase(config.Search.Mode.ToString()!)} needs vectors, but embeddings.model is 'none'. Set embeddings.model to 'local' (the bundled model) or a configured model, or use search.mode: lexical.");
        }

        if (config.Search.Rerank is { } rerank && !config.Models.ContainsKey(rerank.Model) && !config.Routes.ContainsKey(rerank.Model))
        {
            throw new KeelConfigurationException($"{fileName}: search.rerank.model: '{rerank.Model}' is not a model or route in keel.yaml ({Names(config.Models.Keys.Concat(config.Routes.Keys))}).");
        }

        if (config.Ask.Model is { } answers && !config.Models.ContainsKey(answers) && !config.Routes.ContainsKey(answers))
        {
            throw new KeelConfigurationException($"{fileName}: ask.model: '{answers}' is not a model or route in keel.yaml ({Names(config.Models.Keys.Concat(config.Routes.Keys))}).");
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none configured" : "configured: " + string.Join(", ", list);
    }
}
