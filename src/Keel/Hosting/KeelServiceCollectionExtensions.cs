using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keel;

/// <summary>Registers Keel in a service collection.</summary>
public static class KeelServiceCollectionExtensions
{
    /// <summary>Adds Keel: the document index (<see cref="DocumentIndex"/>) and question answering
    /// (<see cref="GroundedAnswerer"/>) over the embedded store, the configured models (<see cref="ModelCatalog"/>) and
    /// the prompt files (<see cref="PromptLibrary"/>) and eval suites (<see cref="EvalSuiteRunner"/>), configured from <c>keel.yaml</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the working directory and configuration file.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <remarks>The configuration is read when the first Keel service is resolved; a bad file throws
    /// <see cref="KeelConfigurationException"/> naming the file, line and column.</remarks>
    public static KeelBuilder AddKeel(this IServiceCollection services, Action<KeelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new KeelOptions();
        configure?.Invoke(options);
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => KeelConfigLoader.Load(options.ConfigPath, workingDirectory));
        services.TryAddSingleton(sp => SqliteDatabase.Open(Path.GetFullPath(sp.GetRequiredService<KeelConfig>().Store.Path, workingDirectory)));
        services.TryAddSingleton(sp => new IndexPaths(workingDirectory, sp.GetRequiredService<KeelConfig>().Store.Path));
        services.TryAddSingleton<IIndexStore>(sp => new SqliteIndexStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new DocumentLoaderRegistry());
        services.TryAddSingleton(sp =>
        {
            var ingest = sp.GetRequiredService<KeelConfig>().Ingest;
            return new Chunker(new ChunkerOptions(ingest.ChunkTokens, ingest.ChunkOverlap));
        });
        services.TryAddSingleton(sp =>
        {
            var search = sp.GetRequiredService<KeelConfig>().Search;
            return new Bm25Searcher(sp.GetRequiredService<IIndexStore>(), new Bm25Parameters(search.K1, search.B));
        });
        services.TryAddSingleton(sp => new DocumentIngestor(
            sp.GetRequiredService<IIndexStore>(),
            sp.GetRequiredService<DocumentLoaderRegistry>(),
            sp.GetRequiredService<Chunker>(),
            sp.GetRequiredService<KeelConfig>().Ingest,
            sp.GetRequiredService<IndexPaths>(),
            sp.GetRequiredService<Embedder>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var config = sp.GetRequiredService<KeelConfig>();
            return new Embedder(config.Embeddings, Embedder.KeyFor(config), () => Embedder.CreateGenerator(config.Embeddings, sp.GetRequiredService<ModelCatalog>()));
        });
        services.TryAddSingleton(sp => new VectorSearcher(sp.GetRequiredService<IIndexStore>(), sp.GetRequiredService<Embedder>(), sp.GetRequiredService<KeelConfig>().Search.MinSimilarity));
        services.TryAddSingleton(sp =>
        {
            var config = sp.GetRequiredService<KeelConfig>();
            IReranker? reranker = config.Search.Rerank is { } rerank
                ? new LlmReranker(sp.GetRequiredService<ModelCatalog>().GetChatClient(rerank.Model), rerank)
                : null;
            return new DocumentSearcher(
                sp.GetRequiredService<IIndexStore>(),
                sp.GetRequiredService<Bm25Searcher>(),
                sp.GetRequiredService<VectorSearcher>(),
                config.Search,
                config.Embeddings.Enabled,
                reranker);
        });
        services.TryAddSingleton(sp => new ExtractiveAnswerer(sp.GetRequiredService<KeelConfig>().Ask, sp.GetRequiredService<Embedder>()));
        services.TryAddSingleton(sp => new DocumentIndex(
            sp.GetRequiredService<DocumentIngestor>(),
            sp.GetRequiredService<DocumentSearcher>(),
            sp.GetRequiredService<KeelConfig>().Search));
        services.TryAddSingleton(sp => new GroundedAnswerer(
            sp.GetRequiredService<DocumentIngestor>(),
            sp.GetRequiredService<DocumentSearcher>(),
            sp.GetRequiredService<ExtractiveAnswerer>(),
            sp.GetRequiredService<KeelConfig>().Ask,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ModelCatalog>(),
            new CitationVerifier(sp.GetRequiredService<KeelConfig>().Ask, sp.GetRequiredService<Embedder>())));
        services.TryAddSingleton(_ => ApiKeyResolver.FromProcess(workingDirectory));
        services.TryAddSingleton(sp => new ProviderClientFactory(sp.GetRequiredService<ApiKeyResolver>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var prompts = sp.GetRequiredService<KeelConfig>().Prompts.Path;
            return PromptLibrary.Load(Path.GetFullPath(prompts, workingDirectory), prompts);
        });
        services.TryAddSingleton(sp => new EvalSuiteRunner(sp, workingDirectory));
        services.TryAddSingleton<ITraceStore>(sp => new SqliteTraceStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton(sp => new TraceWriter(sp.GetRequiredService<ITraceStore>()));
        services.TryAddSingleton(sp => new KeelTelemetry(sp.GetRequiredService<KeelConfig>().Telemetry));
        services.TryAddSingleton<IResponseCacheStore>(sp => new SqliteResponseCacheStore(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<KeelConfig>().Cache.MaxEntries));
        services.TryAddSingleton(sp => new ModelCatalog(
            sp.GetRequiredService<KeelConfig>(),
            sp.GetRequiredService<ProviderClientFactory>(),
            sp.GetRequiredService<TraceWriter>,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<KeelTelemetry>(),
            sp.GetRequiredService<IResponseCacheStore>)
        {
            LoggerFactory = sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
        });
        return new KeelBuilder(services);
    }
}
