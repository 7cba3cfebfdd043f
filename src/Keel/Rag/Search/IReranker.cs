namespace Keel;

/// <summary>A second pass over the first-pass hits that puts the most relevant first.</summary>
internal interface IReranker
{
    /// <summary>How many first-pass hits it reads.</summary>
    int Candidates { get; }

    /// <summary>The same chunks reordered; on failure the first-pass order and why it was kept. Never throws for a
    /// model failure, only for cancellation.</summary>
    Task<(List<RetrievedChunk> Chunks, string? Error)> RerankAsync(string query, List<RetrievedChunk> chunks, CancellationToken cancellationToken);
}
