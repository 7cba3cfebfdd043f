namespace Keel;

/// <summary>Where traces are kept: written in batches, read by <c>keel traces</c>.</summary>
internal interface ITraceStore
{
    Task WriteAsync(IReadOnlyList<TraceRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The most recent traces, newest first.</summary>
    Task<IReadOnlyList<TraceRecord>> ListAsync(int limit, string? model = null, CancellationToken cancellationToken = default);

    /// <summary>A trace by id, or by a unique prefix of it.</summary>
    Task<TraceRecord?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>Traces started at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<TraceRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
