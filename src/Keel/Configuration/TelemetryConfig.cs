namespace Keel;

/// <summary>What Keel records about model calls.</summary>
internal sealed record TelemetryConfig
{
    /// <summary>Store prompt and response text with each trace. Off by default: traces then hold timings, tokens,
    /// cost and errors only.</summary>
    public bool CaptureContent { get; init; }

    /// <summary>Where to export OpenTelemetry GenAI spans and metrics over OTLP (HTTP/protobuf), e.g.
    /// <c>http://127.0.0.1:4318</c>; unset exports nothing (spans are still created for any listener in-process).</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>The <c>service.name</c> exported spans carry.</summary>
    public string ServiceName { get; init; } = "keel";
}
