namespace Keel;

/// <summary>Per-run ingest settings; unset values come from <c>keel.yaml</c>.</summary>
public sealed record IngestOptions
{
    /// <summary>Glob patterns files must match, relative to each folder given; null uses the configuration. Indexed
    /// files a run's globs leave out keep their documents (only files gone from disk are removed) unless <see cref="Prune"/>.</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Glob patterns that exclude files; null uses the configuration.</summary>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Also removes the indexed documents under the given paths that this run's globs leave out, though their
    /// files exist: the index then holds exactly what this run read. Off by default, when only files gone from disk
    /// are removed.</summary>
    public bool Prune { get; init; }

    /// <summary>Tags set on every document of this run, for search filters (<see cref="SearchFilter.Tags"/>); they
    /// replace the tags a document had. Null or empty keeps each document's stored tags (a changed file keeps them
    /// too). A file ingested again with other tags is updated; its vectors are reused.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
