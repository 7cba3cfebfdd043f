namespace Keel.Simulator;

/// <summary>One fault to inject, with the parameters its kind uses; unused ones are ignored.</summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="RetryAfterSeconds">For <see cref="FaultKind.RateLimit"/>: the <c>retry-after</c> header in seconds.</param>
/// <param name="RetryAfterDate">For <see cref="FaultKind.RateLimit"/>: send <c>retry-after</c> as an HTTP-date instead of seconds.</param>
/// <param name="RetryAfterMs">For <see cref="FaultKind.RateLimit"/>: send <c>retry-after-ms</c> instead.</param>
/// <param name="Status">For <see cref="FaultKind.ServerError"/>: 500, 502, 503 or 529.</param>
/// <param name="DelayMs">For <see cref="FaultKind.SlowFirstToken"/>: the wait before the first token.</param>
/// <param name="AfterChunks">For <see cref="FaultKind.DropMidStream"/>: how many SSE events go out before the connection is cut.</param>
internal sealed record FaultSpec(
    FaultKind Kind,
    int RetryAfterSeconds = 1,
    bool RetryAfterDate = false,
    int? RetryAfterMs = null,
    int? Status = null,
    int DelayMs = 500,
    int AfterChunks = 2);
