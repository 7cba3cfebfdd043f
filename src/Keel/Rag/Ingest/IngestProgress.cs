namespace Keel;

/// <summary>Progress of an ingest run, reported after each file and each embedding batch.</summary>
/// <param name="FilesDone">Files processed so far (indexed, unchanged or skipped).</param>
/// <param name="FilesTotal">Files found.</param>
/// <param name="ChunksWritten">Chunks written so far.</param>
/// <param name="CurrentPath">The file just processed.</param>
/// <param name="ChunksEmbedded">Chunks embedded so far; reported after each embedding batch too.</param>
public sealed record IngestProgress(int FilesDone, int FilesTotal, int ChunksWritten, string CurrentPath, int ChunksEmbedded = 0);
