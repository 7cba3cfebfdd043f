namespace Keel;

/// <summary>The document index: ingest files and folders, search them.</summary>
/// <remarks>Get it from <c>services.AddKeel()</c>. Ingest is incremental by content hash and crash-safe, and embeds
/// each new chunk text once; search is hybrid (BM25 and vectors fused) by default, see docs/retrieval.md.</remarks>
public sealed class DocumentIndex
{
    private readonly DocumentIngestor _ingestor;
    private readonly DocumentSearcher _searcher;
    private readonly SearchConfig _config;

    internal DocumentIndex(DocumentIngestor ingestor, DocumentSearcher searcher, SearchConfig config)
    {
        _ingestor = ingestor;
        _searcher = searcher;
        _config = config;
    }

    /// <summary>Ingests files and folders (recursively, filtered by the include and exclude globs).</summary>
    /// <param name="paths">Files or folders, relative to the working directory or absolute.</param>
    /// <param name="options">Per-run overrides of the configured globs.</param>
    /// <param name="progress">Told after each file.</param>
    /// <param name="cancellationToken">Stops the run; what was committed stays committed.</param>
    /// <returns>What was added, updated, removed and skipped.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist; nothing was changed.</exception>
    public Task<IngestResult> IngestAsync(IEnumerable<string> paths, IngestOptions? options = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return _ingestor.IngestAsync([.. paths], options, progress, cancellationToken);
    }

    /// <summary>Ranks chunks for a query.</summary>
    /// <param name="query">Free text.</param>
    /// <param name="options">How many hits, which retrieval mode, which documents; null uses <c>keel.yaml</c>.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The hits, best first; empty when nothing matches.</returns>
    /// <exception cref="KeelConfigurationException">A vector mode was asked for with embeddings off.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, SearchOptions? options = null, CancellationToken cancellationToken = default) =>
        (await _searcher.SearchAsync(query, options?.Top ?? _config.TopK, options, cancellationToken)).Hits;
}
