namespace Keel;

/// <summary>Progress of an ingest run, reported after each file.</summary>
/// <param name="FilesDone">Files processed so far (indexed, unchanged or skipped).</param>
/// <param name="FilesTotal">Files found.</param>
/// <param name="ChunksWritten">Chunks written so far.</param>
/// <param name="CurrentPath">The file just processed.</param>
public sealed record IngestProgress(int FilesDone, int FilesTotal, int ChunksWritten, string CurrentPath);
