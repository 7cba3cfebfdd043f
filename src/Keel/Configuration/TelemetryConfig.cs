namespace Keel;

/// <summary>What Keel records about model calls.</summary>
internal sealed record TelemetryConfig
{
    /// <summary>Store prompt and response text with each trace. Off by default: traces then hold timings, tokens,
    /// cost and errors only.</summary>
    public bool CaptureContent { get; init; }
}
