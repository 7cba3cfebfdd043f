using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Keel;

/// <summary>Finds files, loads, chunks and indexes them, incrementally by content hash.</summary>
/// <remarks>Work is committed in batches, each one transaction holding whole documents and their BM25 segment, so
/// a run killed at any point leaves every earlier batch and the previous index intact; the next run redoes only
/// what was not committed. A file that fails to load keeps whatever the index had for it.</remarks>
internal sealed class DocumentIngestor(
    IIndexStore store,
    DocumentLoaderRegistry loaders,
    Chunker chunker,
    IngestConfig config,
    IndexPaths paths,
    Embedder embedder,
    TimeProvider timeProvider)
{
    /// <summary>Chunks read per round when embedding chunks that have no vector from the configured model.</summary>
    private const int BackfillBatch = 256;

    /// <summary>Files loaded in parallel before their results are committed in order.</summary>
    private const int Window = 64;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<string> inputs, IngestOptions? options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var include = options?.Include ?? config.Include;
        var exclude = options?.Exclude ?? config.Exclude;
        var (files, scopes) = FindFiles(inputs, include, exclude);
        var stored = await store.GetDocumentsAsync(cancellationToken);
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given.ToDictionary(), StringComparer.Ordinal) : null;

        // Tags are not part of the fingerprint: a run without tags must neither re-index a file nor drop its tags.
        var fingerprint = $"chunks={chunker.Fingerprint};terms={EnglishAnalyzer.Version}";

        var skipped = new List<SkippedFile>();
        int added = 0, updated = 0, unchanged = 0, chunksWritten = 0, done = 0, embedded = 0;
        var lastPath = "";
        var embedProgress = progress is null ? null : new SyncProgress(n => progress.Report(new IngestProgress(done, files.Count, chunksWritten, lastPath, embedded + n)));
        var pending = new List<(FileOutcome Outcome, long? ReplacedId)>();
        var pendingChunks = 0;

        for (var windowStart = 0; windowStart < files.Count; windowStart += Window)
        {
            var window = files.Skip(windowStart).Take(Window).ToArray();
            var outcomes = new FileOutcome[window.Length];
            Parallel.For(0, window.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                outcomes[i] = Process(window[i], stored, fingerprint, tags);
            });

            foreach (var outcome in outcomes)
            {
                done++;
                stored.TryGetValue(outcome.Path, out var previous);
                switch (outcome)
                {
                    case { Skipped: { } reason }:
                        skipped.Add(new SkippedFile(outcome.Path, reason));
                        break;
                    case { Document: null }:
                        unchanged++;
                        break;
                    default:
                        pending.Add((outcome, previous?.Id));
                        pendingChunks += outcome.Document.Chunks.Count;
                        if (previous is null)
                        {
                            added++;
                        }
                        else
                        {
                            updated++;
                        }

                        break;
                }

                lastPath = outcome.Path;
                if (pendingChunks >= config.BatchChunks)
                {
                    var (written, newlyEmbedded) = await CommitAsync(pending, [], embedProgress, cancellationToken);
                    chunksWritten += written;
                    embedded += newlyEmbedded;
                    pending.Clear();
                    pendingChunks = 0;
                }

                progress?.Report(new IngestProgress(done, files.Count, chunksWritten + pendingChunks, outcome.Path, embedded));
            }
        }

        var removed = Gone(stored, files, scopes, options?.Prune ?? false);
        if (pending.Count > 0 || removed.Count > 0)
        {
            var (written, newlyEmbedded) = await CommitAsync(pending, removed, embedProgress, cancellationToken);
            chunksWritten += written;
            embedded += newlyEmbedded;
        }

        if (added + updated + removed.Count > 0)
        {
            await store.CompactBm25Async(CompactionPolicy.Default, cancellationToken);
        }

        if (embedder.Enabled)
        {
            var backfilled = await EmbedMissingAsync(embedProgress, cancellationToken);
            embedded += backfilled;
            if (added + updated + removed.Count + backfilled > 0)
            {
                await store.PruneVectorsAsync(embedder.Key, cancellationToken);
            }
        }

        return new IngestResult
        {
            FilesSeen = files.Count,
            Added = added,
            Updated = updated,
            Unchanged = unchanged,
            Removed = removed.Count,
            ChunksWritten = chunksWritten,
            ChunksEmbedded = embedded,
            Skipped = skipped,
            Elapsed = timeProvider.GetElapsedTime(started),
        };
    }

    /// <summary>Writes one batch in one transaction: documents, chunks, their BM25 segment and the vectors the store
    /// lacks for them. Returns the chunks written and the chunks embedded.</summary>
    private async Task<(int Written, int Embedded)> CommitAsync(List<(FileOutcome Outcome, long? ReplacedId)> pending, List<long> removed, IProgress<int>? embedProgress, CancellationToken cancellationToken)
    {
        var segment = new Bm25SegmentBuilder();
        foreach (var (outcome, _) in pending)
        {
            foreach (var terms in outcome.Terms!)
            {
                segment.Add(terms);
            }
        }

        var removedIds = pending.Where(p => p.ReplacedId is not null).Select(p => p.ReplacedId!.Value).Concat(removed).ToList();
        var documents = pending.Select(p => p.Outcome.Document!).ToList();
        VectorBatch? vectors = null;
        if (embedder.Enabled)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (outcome, _) in pending)
            {
                for (var i = 0; i < outcome.IndexTexts!.Count; i++)
                {
                    texts.TryAdd(outcome.Document!.TextHashes![i], outcome.IndexTexts[i]);
                }
            }

            vectors = await EmbedNewAsync(texts, embedProgress, cancellationToken);
        }

        await store.CommitAsync(new IndexBatch(removedIds, documents, segment.Build()) { Vectors = vectors }, cancellationToken);
        return (segment.Count, vectors?.ByTextHash.Count ?? 0);
    }

    /// <summary>Embeds the texts whose hash has no vector from the configured model yet.</summary>
    private async Task<VectorBatch> EmbedNewAsync(Dictionary<string, string> textsByHash, IProgress<int>? embedProgress, CancellationToken cancellationToken)
    {
        var known = await store.GetVectorHashesAsync(embedder.Key, textsByHash.Keys, cancellationToken);
        var missing = textsByHash.Where(t => !known.Contains(t.Key)).ToList();
        var vectors = await embedder.EmbedAsync([.. missing.Select(m => m.Value)], embedProgress, cancellationToken);
        var byHash = new Dictionary<string, float[]>(missing.Count, StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++)
        {
            byHash[missing[i].Key] = vectors[i];
        }

        return new VectorBatch(embedder.Key, byHash);
    }

    /// <summary>Gives a vector to every stored chunk that has none from the configured model: after the model changed,
    /// or in a store written before vectors existed. Returns how many texts were embedded.</summary>
    private async Task<int> EmbedMissingAsync(IProgress<int>? embedProgress, CancellationToken cancellationToken)
    {
        var embedded = 0;
        while (true)
        {
            var missing = await store.GetChunksWithoutVectorsAsync(embedder.Key, BackfillBatch, cancellationToken);
            if (missing.Count == 0)
            {
                return embedded;
            }

            var chunks = new List<(long ChunkId, string TextHash)>(missing.Count);
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var chunk in missing)
            {
                var text = ChunkText.ForIndex(chunk.HeadingPath, chunk.Preamble, chunk.Text);
                var hash = chunk.TextHash ?? ChunkText.Hash(text);
                chunks.Add((chunk.ChunkId, hash));
                texts.TryAdd(hash, text);
            }

            var done = embedded;
            var vectors = await EmbedNewAsync(texts, embedProgress is null ? null : new SyncProgress(n => embedProgress.Report(done + n)), cancellationToken);
            await store.SaveVectorsAsync(chunks, vectors, cancellationToken);
            embedded += vectors.ByTextHash.Count;
        }
    }

    /// <summary>The stored documents under the given paths whose file no longer exists. A file that exists but was not
    /// found by this run (left out by --include or --exclude, or now inside the store) keeps its document: a filter
    /// chooses what one run reads, it does not delete what an earlier run indexed.</summary>
    /// <remarks>With <paramref name="prune"/>, every stored document under the given paths that this run did not find is removed.</remarks>
    private List<long> Gone(IReadOnlyDictionary<string, StoredDocument> stored, List<FoundFile> files, List<IngestScope> scopes, bool prune)
    {
        var seen = files.Select(f => f.StoredPath).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Values
            .Where(d => !seen.Contains(d.Path) && scopes.Any(scope => scope.Contains(d.Path)) && (prune || !File.Exists(paths.ToFullPath(d.Path))))
            .Select(d => d.Id)];
    }

    private FileOutcome Process(FoundFile file, IReadOnlyDictionary<string, StoredDocument> stored, string fingerprint, IReadOnlyDictionary<string, string>? tags)
    {
        if (!loaders.TryGetLoader(file.FullPath, out var loader))
        {
            return FileOutcome.Skip(file.StoredPath, $"unsupported file type '{Path.GetExtension(file.FullPath)}'; Keel reads {string.Join(", ", loaders.SupportedExtensions.Order(StringComparer.Ordinal))}. Exclude it with ingest.exclude in keel.yaml.");
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(file.FullPath).Length;
            if (length > config.MaxFileMegabytes * 1024L * 1024L)
            {
                return FileOutcome.Skip(file.StoredPath, $"file is {length / (1024 * 1024)} MB, over the {config.MaxFileMegabytes} MB limit; raise ingest.max_file_megabytes in keel.yaml to include it.");
            }

            bytes = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileOutcome.Skip(file.StoredPath, $"cannot read the file: {ex.Message}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes)) + "|" + fingerprint;
        stored.TryGetValue(file.StoredPath, out var previous);
        if (previous is not null && previous.ContentHash == hash && (tags is null || SameTags(previous.Tags, tags)))
        {
            return new FileOutcome(file.StoredPath, null, null, null, null);
        }

        LoadedDocument loaded;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            loaded = loader.Load(stream, file.StoredPath);
        }
        catch (DocumentLoadException ex)
        {
            // The loaders' messages start with the path, for callers that see only the exception; a skip carries it already.
            var prefix = file.StoredPath + ": ";
            return FileOutcome.Skip(file.StoredPath, ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message);
        }

        if (loaded.Blocks.Count == 0 && bytes.Length > 0)
        {
            return FileOutcome.Skip(file.StoredPath, "no text found in the file (a scanned PDF needs OCR before Keel can read it).");
        }

        var chunks = chunker.Chunk(loaded);
        var terms = new List<IReadOnlyList<string>>(chunks.Count);
        var indexTexts = new List<string>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var indexText = ChunkText.ForIndex(chunk.HeadingPath, chunk.Preamble, chunk.Text);
            var chunkTerms = new List<string>();
            EnglishAnalyzer.Analyze(indexText, chunkTerms);
            terms.Add(chunkTerms);
            indexTexts.Add(indexText);
        }

        var document = new NewDocument(file.StoredPath, loader.DocumentType, hash, bytes.LongLength, chunks, [.. indexTexts.Select(ChunkText.Hash)], tags ?? previous?.Tags);
        return new FileOutcome(file.StoredPath, document, terms, indexTexts, null);
    }

    private static bool SameTags(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> given) =>
        stored.Count == given.Count && given.All(t => stored.TryGetValue(t.Key, out var value) && string.Equals(value, t.Value, StringComparison.Ordinal));

    private (List<FoundFile> Files, List<IngestScope> Scopes) FindFiles(IReadOnlyList<string> inputs, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Give at least one file or folder to ingest.", nameof(inputs));
        }

        var files = new Dictionary<string, FoundFile>(StringComparer.Ordinal);
        var scopes = new List<IngestScope>();
        foreach (var input in inputs)
        {
            var fullPath = Path.GetFullPath(input, paths.WorkingDirectory);
            if (File.Exists(fullPath))
            {
                var storedPath = paths.ToStoredPath(fullPath);
                files.TryAdd(storedPath, new FoundFile(fullPath, storedPath));
                scopes.Add(new IngestScope(storedPath, IsFolder: false));
            }
            else if (Directory.Exists(fullPath))
            {
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddIncludePatterns(include);
                matcher.AddExcludePatterns(exclude);
                foreach (var match in matcher.GetResultsInFullPath(fullPath))
                {
                    var storedPath = paths.ToStoredPath(match);
                    if (!paths.IsInsideStore(match))
                    {
                        files.TryAdd(storedPath, new FoundFile(match, storedPath));
                    }
                }

                scopes.Add(new IngestScope(paths.ToStoredPath(fullPath), IsFolder: true));
            }
            else
            {
                throw new FileNotFoundException($"{input}: no such file or folder. Check the path (relative paths start at {paths.WorkingDirectory}).", input);
            }
        }

        return ([.. files.Values.OrderBy(f => f.StoredPath, StringComparer.Ordinal)], scopes);
    }

    private sealed record FoundFile(string FullPath, string StoredPath);

    /// <summary>A file or folder given to ingest: stored documents inside it whose file is gone are swept.</summary>
    private sealed record IngestScope(string StoredPath, bool IsFolder)
    {
        public bool Contains(string path) => IsFolder
            ? StoredPath.Length == 0 || path.StartsWith(StoredPath + "/", StringComparison.Ordinal)
            : string.Equals(path, StoredPath, StringComparison.Ordinal);
    }

    /// <summary>The result of processing one file: a document to write (with each chunk's terms and index text), or
    /// unchanged (all null), or skipped.</summary>
    private sealed record FileOutcome(string Path, NewDocument? Document, IReadOnlyList<IReadOnlyList<string>>? Terms, IReadOnlyList<string>? IndexTexts, string? Skipped)
    {
        public static FileOutcome Skip(string path, string reason) => new(path, null, null, null, reason);
    }

    /// <summary>Reports synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
