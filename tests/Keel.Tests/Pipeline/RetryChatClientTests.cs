using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

public sealed class RetryChatClientTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<DateTimeOffset> _callTimes = [];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RateLimitedWithRetryAfter_WaitsRetryAfterThenAnswers(bool streaming)
    {
        using var client = Build(FailFirst(2, Error(ModelErrorKind.RateLimited, 429, TimeSpan.FromSeconds(3))));

        var call = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.Single(_callTimes);
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        WaitFor(() => _callTimes.Count == 2);
        _time.Advance(TimeSpan.FromSeconds(3));
        var response = await call.WaitAsync(Patience);

        Assert.Equal("Paris.", response.Text);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)], _callTimes.Select(t => t - _callTimes[0]));
        Assert.Equal(2, response.AdditionalProperties?[KeelPropertyNames.Retries]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RetryAfterAboveMaxDelay_WaitsMaxDelay(bool streaming)
    {
        using var client = Build(FailFirst(1, Error(ModelErrorKind.RateLimited, 429, TimeSpan.FromMinutes(5))), new RetryOptions { MaxDelay = TimeSpan.FromSeconds(10) });

        var call = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(10));
        var response = await call.WaitAsync(Patience);

        Assert.Equal(TimeSpan.FromSeconds(10), _callTimes[1] - _callTimes[0]);
        Assert.Equal(1, response.AdditionalProperties?[KeelPropertyNames.Retries]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ServerError_BacksOffExponentially(bool streaming)
    {
        using var client = Build(FailFirst(2, Error(ModelErrorKind.ServerError, 503)), new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), UseJitter = false });

        var call = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(1));
        WaitFor(() => _callTimes.Count == 2);
        _time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _callTimes.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call.WaitAsync(Patience);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], _callTimes.Select(t => t - _callTimes[0]));
        Assert.Equal("Paris.", response.Text);
    }

    [Theory]
    [InlineData(false, ModelErrorKind.BadRequest)]
    [InlineData(true, ModelErrorKind.BadRequest)]
    [InlineData(false, ModelErrorKind.Authentication)]
    [InlineData(true, ModelErrorKind.Authentication)]
    public async Task GetResponse_NonTransientError_ThrowsWithoutRetry(bool streaming, ModelErrorKind kind)
    {
        var error = Error(kind, 400);
        using var client = Build(FailFirst(5, error));

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Same(error, thrown);
        Assert.Single(_callTimes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_MaxRetriesExhausted_ThrowsLastError(bool streaming)
    {
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) =>
            {
                _callTimes.Add(_time.GetUtcNow());
                throw new ModelCallException(ModelErrorKind.ServerError, $"attempt {_callTimes.Count} failed");
            },
        };
        using var client = Build(inner, new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming)).WaitAsync(Patience);

        Assert.Equal("attempt 3 failed", thrown.Message);
        Assert.Equal(3, _callTimes.Count);
    }

    [Fact]
    public async Task GetStreamingResponse_FailsAfterFirstChunk_ThrowsStreamInterruptedWithoutRetry()
    {
        var inner = new TestChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, _) => Chunks(["Par"], Error(ModelErrorKind.ServerError, 502)),
        };
        using var client = Build(inner);
        var received = new List<string>();

        var thrown = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(ModelErrorKind.StreamInterrupted, thrown.Kind);
        Assert.Equal(ModelErrorKind.ServerError, Assert.IsType<ModelCallException>(thrown.InnerException).Kind);
        Assert.Equal(["Par"], received);
        Assert.Equal(1, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_CallerCancelsDuringBackoff_ThrowsOperationCanceledWithoutRetry(bool streaming)
    {
        using var client = Build(FailFirst(2, Error(ModelErrorKind.RateLimited, 429, TimeSpan.FromSeconds(10))));
        using var cts = new CancellationTokenSource();

        var call = CallAsync(client, streaming, cancellationToken: cts.Token);
        await cts.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(Patience);
        Assert.Single(_callTimes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ProviderCancelledByCaller_ThrowsOperationCanceledWithoutRetry(bool streaming)
    {
        using var cts = new CancellationTokenSource();
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, token) =>
            {
                _callTimes.Add(_time.GetUtcNow());
                await cts.CancelAsync();
                token.ThrowIfCancellationRequested();
                return Answer();
            },
        };
        using var client = Build(inner);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CallAsync(client, streaming, cancellationToken: cts.Token)).WaitAsync(Patience);
        Assert.Single(_callTimes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_FirstAttemptAnswers_RecordsZeroRetries(bool streaming)
    {
        using var client = Build(FailFirst(0, Error(ModelErrorKind.ServerError)));

        var response = await CallAsync(client, streaming);

        Assert.Equal(0, response.AdditionalProperties?[KeelPropertyNames.Retries]);
    }

    [Fact]
    public void Build_InvalidOptions_ThrowsArgumentException()
    {
        var builder = new ChatClientBuilder(new TestChatClient()).UseRetry(new RetryOptions { MaxRetries = -1 }, _time);

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("MaxRetries", thrown.Message, StringComparison.Ordinal);
    }

    private TestChatClient FailFirst(int failures, ModelCallException error) => new()
    {
        GetResponseAsyncCallback = (_, _, _) =>
        {
            _callTimes.Add(_time.GetUtcNow());
            return _callTimes.Count <= failures ? Task.FromException<ChatResponse>(error) : Task.FromResult(Answer());
        },
    };

    private IChatClient Build(TestChatClient inner, RetryOptions? options = null) =>
        new ChatClientBuilder(inner).UseRetry(options ?? new RetryOptions(), _time).Build();
}
