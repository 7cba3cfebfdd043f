namespace Keel;

/// <summary>A model call failed; <see cref="Kind"/> says how, and whether trying again can help.</summary>
/// <remarks>Provider SDK exceptions are translated into this type at the provider boundary, so every Keel layer
/// (retry, fallback, tracing) and every caller handles one type. Messages never contain API keys.</remarks>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelCallException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public ModelCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">What happened and what to do, for a person.</param>
    /// <param name="innerException">The provider's own error, if any.</param>
    public ModelCallException(ModelErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public ModelErrorKind Kind { get; init; }

    /// <summary>The HTTP status the provider answered with, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the provider asked to wait (Retry-After, retry-after-ms), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The configured model name the call was for, when known.</summary>
    public string? Model { get; init; }

    /// <summary>How many times the retry layer retried before giving up with this error; <see langword="null"/> when
    /// no retry layer saw it. Read by tracing, which a failed call reaches without a response to report on.</summary>
    internal int? Retries { get; set; }

    /// <summary>The models that failed before the one this error is from, in order (set by the fallback layer).</summary>
    internal IReadOnlyList<string>? Fallbacks { get; set; }

    /// <summary>Whether the same call may succeed if tried again (or on another model).</summary>
    public bool IsTransient => Kind is ModelErrorKind.RateLimited or ModelErrorKind.ServerError or ModelErrorKind.Timeout
        or ModelErrorKind.ConnectionFailed or ModelErrorKind.InvalidResponse;
}
