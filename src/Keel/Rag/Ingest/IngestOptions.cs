namespace Keel;

/// <summary>Per-run ingest settings; unset values come from <c>keel.yaml</c>.</summary>
public sealed record IngestOptions
{
    /// <summary>Glob patterns files must match, relative to each folder given; null uses the configuration.</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Glob patterns that exclude files; null uses the configuration.</summary>
    public IReadOnlyList<string>? Exclude { get; init; }
}
