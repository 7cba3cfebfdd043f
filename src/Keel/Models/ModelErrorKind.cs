namespace Keel;

/// <summary>What went wrong with a model call, independent of the provider's SDK.</summary>
public enum ModelErrorKind
{
    /// <summary>The provider answered 429: too many requests or tokens. Transient; honour <see cref="ModelCallException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The provider answered 5xx (500, 502, 503, 504, 529 overloaded). Transient.</summary>
    ServerError,

    /// <summary>No answer in time: total, time to first token, or idle between streamed chunks. Transient.</summary>
    Timeout,

    /// <summary>The connection could not be made, or was reset or closed before the whole response arrived. Transient.</summary>
    ConnectionFailed,

    /// <summary>A streamed response was cut after some of it had reached the caller. Never retried.</summary>
    StreamInterrupted,

    /// <summary>The provider answered, but not with something Keel could read (malformed JSON). Transient.</summary>
    InvalidResponse,

    /// <summary>The request was rejected as invalid (400, 404, 413, 422). Not transient: fix the request.</summary>
    BadRequest,

    /// <summary>The key is missing, wrong or lacks permission (401, 403). Not transient: fix the key.</summary>
    Authentication,
}
