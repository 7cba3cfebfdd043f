namespace Keel;

/// <summary>The document index: ingest files and folders, search them.</summary>
/// <remarks>Get it from <c>services.AddKeel()</c>. Ingest is incremental by content hash and crash-safe; search is
/// BM25 over the chunks in the store.</remarks>
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

    /// <summary>Ranks chunks for a query with BM25.</summary>
    /// <param name="query">Free text.</param>
    /// <param name="top">How many hits; null uses <c>search.top_k</c> (default 5).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The hits, best first; empty when nothing matches.</returns>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int? top = null, CancellationToken cancellationToken = default) =>
        _searcher.SearchAsync(query, top ?? _config.TopK, cancellationToken);
}
