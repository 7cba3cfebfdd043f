namespace Keel;

/// <summary>What one ingest run did.</summary>
public sealed record IngestResult
{
    /// <summary>Files found under the given paths that match the include and exclude globs.</summary>
    public int FilesSeen { get; init; }

    /// <summary>Files indexed for the first time.</summary>
    public int Added { get; init; }

    /// <summary>Files whose content changed and whose chunks were replaced.</summary>
    public int Updated { get; init; }

    /// <summary>Files whose content hash matched the index; nothing was written for them.</summary>
    public int Unchanged { get; init; }

    /// <summary>Documents removed because their file is gone from disk. Files that still exist are removed only with
    /// <see cref="IngestOptions.Prune"/>, when the include and exclude globs of this run leave them out.</summary>
    public int Removed { get; init; }

    /// <summary>Chunks written in this run.</summary>
    public int ChunksWritten { get; init; }

    /// <summary>Chunks sent to the embedding model in this run; chunks whose text already had a vector from the
    /// configured model are not sent again.</summary>
    public int ChunksEmbedded { get; init; }

    /// <summary>Files that could not be ingested, with the reason. A file that was indexed before keeps its old chunks.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }
}

/// <summary>A file that was skipped and why.</summary>
/// <param name="Path">The file, as stored in the index (relative to the working directory when under it).</param>
/// <param name="Reason">What was wrong and how to fix it.</param>
public sealed record SkippedFile(string Path, string Reason);
