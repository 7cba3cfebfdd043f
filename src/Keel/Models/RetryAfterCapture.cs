using System.Globalization;

namespace Keel;

/// <summary>Carries a provider's Retry-After out of an SDK that does not expose response headers on its exceptions
/// (the Anthropic SDK): the caller opens a capture, an HTTP handler below the SDK fills it in.</summary>
internal sealed class RetryAfterCapture
{
    private static readonly AsyncLocal<RetryAfterCapture?> CurrentCapture = new();

    public TimeSpan? RetryAfter { get; private set; }

    public static RetryAfterCapture Begin()
    {
        var capture = new RetryAfterCapture();
        CurrentCapture.Value = capture;
        return capture;
    }

    /// <summary>Reads <c>retry-after-ms</c>, then <c>retry-after</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, ms));
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The HTTP handler that records Retry-After of failed responses into the current capture.</summary>
    internal sealed class Handler(TimeProvider timeProvider) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && CurrentCapture.Value is { } capture)
            {
                capture.RetryAfter = Parse(response, timeProvider);
            }

            return response;
        }
    }
}
