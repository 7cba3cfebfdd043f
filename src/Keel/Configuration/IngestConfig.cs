using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>How files are found and cut into chunks.</summary>
internal sealed record IngestConfig
{
    /// <summary>Glob patterns a file must match to be ingested (relative to the folder given).</summary>
    public IReadOnlyList<string> Include { get; init; } = ["**/*"];

    /// <summary>Glob patterns that exclude files even when they match <see cref="Include"/>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = ["**/.git/**", "**/.keel/**", "**/node_modules/**", "**/bin/**", "**/obj/**"];

    /// <summary>Largest chunk, in tokens of the cl100k_base tokenizer.</summary>
    [Range(32, 8192)]
    public int ChunkTokens { get; init; } = 512;

    /// <summary>Tokens repeated from the end of one chunk at the start of the next in the same section.</summary>
    [Range(0, 4096)]
    public int ChunkOverlap { get; init; } = 64;

    /// <summary>Chunks per committed transaction: each commit is crash-safe on its own; larger batches mean fewer
    /// BM25 segments, smaller ones lose less work when a run is killed.</summary>
    [Range(1, 10_000_000)]
    public int BatchChunks { get; init; } = 20_000;

    /// <summary>Files larger than this many megabytes are skipped with a message.</summary>
    [Range(1, 4096)]
    public int MaxFileMegabytes { get; init; } = 100;
}
