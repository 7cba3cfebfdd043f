using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Anthropic.Exceptions;

namespace Keel;

/// <summary>Turns each SDK's exceptions into <see cref="ModelCallException"/> for one configured model, for its chat
/// client (<see cref="ProviderErrorChatClient"/>) and its embedding generator (<see cref="ProviderErrorEmbeddingGenerator"/>).</summary>
/// <remarks>Messages name the model and what to do; they never carry the API key (it is scrubbed from provider
/// messages, which sometimes echo part of it).</remarks>
internal sealed partial class ProviderErrors(string modelName, string providerName, string? apiKey, TimeProvider timeProvider)
{
    public ModelCallException StreamEndedUnfinished() =>
        new(ModelErrorKind.StreamInterrupted, $"{modelName} ({providerName}): the stream ended without a finish reason; the answer is incomplete.") { Model = modelName };

    /// <summary>The error to throw for <paramref name="exception"/>; null to let it through unchanged (already a
    /// <see cref="ModelCallException"/>, the caller's own cancellation, or nothing Keel knows as a provider failure).</summary>
    public ModelCallException? Translate(Exception exception, RetryAfterCapture capture, bool streamStarted, CancellationToken cancellationToken)
    {
        if (exception is ModelCallException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        var (kind, status, retryAfter) = exception switch
        {
            ClientResultException clientResult => (KindOf(clientResult.Status), clientResult.Status == 0 ? (int?)null : clientResult.Status, RetryAfterOf(clientResult)),
            AnthropicApiException api => (KindOf((int)api.StatusCode), (int)api.StatusCode, capture.RetryAfter),
            AnthropicIOException or HttpRequestException or IOException or SocketException => (ModelErrorKind.ConnectionFailed, null, null),
            OperationCanceledException => (ModelErrorKind.Timeout, null, null),
            JsonException or AnthropicInvalidDataException or AnthropicSseException => (ModelErrorKind.InvalidResponse, null, null),
            _ => ((ModelErrorKind?)null, (int?)null, (TimeSpan?)null),
        };
        if (kind is not { } known)
        {
            return null; // not a provider failure Keel knows; let it through unchanged
        }

        if (streamStarted && known is ModelErrorKind.ConnectionFailed or ModelErrorKind.InvalidResponse or ModelErrorKind.Timeout or ModelErrorKind.ServerError)
        {
            known = ModelErrorKind.StreamInterrupted;
        }

        var statusText = status is null ? "" : $" (HTTP {status})";
        var retryText = retryAfter is null ? "" : $"; the provider asked to wait {retryAfter.Value.TotalSeconds:0.###}s";
        var description = known == ModelErrorKind.ConnectionFailed && ClosedMidResponse(exception)
            ? "the provider closed the connection in the middle of its response, so the answer was lost"
            : Describe(known);
        var message = $"{modelName} ({providerName}): {description}{statusText}{retryText}. {exception.GetType().Name}: {Scrub(exception.Message)}";

        // The SDK's exception is not kept as the inner exception: its message (and so ToString(), which loggers
        // print) can echo part of the API key. Everything useful from it is in the scrubbed message.
        return new ModelCallException(known, message) { StatusCode = status, RetryAfter = retryAfter, Model = modelName };
    }

    /// <summary>Whether the connection broke while the response was being read: the provider was reached, so
    /// "check base_url" would send the user the wrong way. Connecting and sending fail as
    /// <see cref="HttpRequestException"/>; reading the body fails as a bare <see cref="IOException"/>.</summary>
    private static bool ClosedMidResponse(Exception exception) =>
        exception is IOException || (exception is AnthropicIOException && exception.InnerException is IOException);

    private static ModelErrorKind KindOf(int status) => status switch
    {
        0 => ModelErrorKind.ConnectionFailed,
        429 => ModelErrorKind.RateLimited,
        401 or 403 => ModelErrorKind.Authentication,
        408 => ModelErrorKind.Timeout,
        >= 500 => ModelErrorKind.ServerError,
        _ => ModelErrorKind.BadRequest,
    };

    private TimeSpan? RetryAfterOf(ClientResultException exception)
    {
        var response = exception.GetRawResponse();
        if (response is null)
        {
            return null;
        }

        using var message = new HttpResponseMessage();
        foreach (var (name, value) in response.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return RetryAfterCapture.Parse(message, timeProvider);
    }

    private static string Describe(ModelErrorKind kind) => kind switch
    {
        ModelErrorKind.RateLimited => "rate limited by the provider",
        ModelErrorKind.ServerError => "the provider failed",
        ModelErrorKind.Timeout => "the provider did not answer in time",
        ModelErrorKind.ConnectionFailed => "could not reach the provider; check base_url and the network",
        ModelErrorKind.StreamInterrupted => "the stream was cut before the answer was complete",
        ModelErrorKind.InvalidResponse => "the provider's answer could not be read",
        ModelErrorKind.Authentication => "the provider refused the API key; check the key in the model's api_key_env variable",
        _ => "the provider rejected the request",
    };

    private string Scrub(string text)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        return KeyLike().Replace(text, "$1***");
    }

    /// <summary>Anything shaped like a provider key (<c>sk-…</c>, <c>sk-ant-…</c>), even partly masked by the provider.</summary>
    [GeneratedRegex(@"\b(sk-(?:ant-)?)[A-Za-z0-9_\-\*\.]{4,}")]
    private static partial Regex KeyLike();
}
