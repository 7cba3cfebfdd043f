using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

public sealed class RateLimitingChatClientTests
{
    // "What is the capital of France?" is 30 characters: estimated at 8 tokens.
    private const int QuestionTokens = 8;

    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_OverRequestsPerMinuteFailFast_ThrowsRateLimitedUntilWindowPasses(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { RequestsPerMinute = 2, WhenLimited = RateLimitBehavior.FailFast });

        await CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(20));
        await CallAsync(client, streaming);
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Equal(ModelErrorKind.RateLimited, thrown.Kind);
        Assert.Equal(TimeSpan.FromSeconds(40), thrown.RetryAfter);
        Assert.Contains("RequestsPerMinute", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(2, inner.Calls);

        _time.Advance(TimeSpan.FromSeconds(40));
        await CallAsync(client, streaming);
        Assert.Equal(3, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_OverTokensPerMinuteFailFast_ThrowsRateLimited(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { TokensPerMinute = (2 * QuestionTokens) + 4, WhenLimited = RateLimitBehavior.FailFast });

        await CallAsync(client, streaming);
        await CallAsync(client, streaming);
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Equal(ModelErrorKind.RateLimited, thrown.Kind);
        Assert.Contains("TokensPerMinute", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), thrown.RetryAfter);
        Assert.Equal(2, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ActualUsageAboveEstimate_CountsActualTokens(bool streaming)
    {
        var inner = Answering(new UsageDetails { InputTokenCount = 60, OutputTokenCount = 35, TotalTokenCount = 95 });
        using var client = Build(inner, new RateLimitingOptions { TokensPerMinute = 100, WhenLimited = RateLimitBehavior.FailFast });

        await CallAsync(client, streaming);
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Equal(ModelErrorKind.RateLimited, thrown.Kind);
        Assert.Equal(1, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ActualUsageBelowEstimate_GivesTokensBack(bool streaming)
    {
        var inner = Answering(new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 });
        using var client = Build(inner, new RateLimitingOptions { TokensPerMinute = QuestionTokens + 4, WhenLimited = RateLimitBehavior.FailFast });

        // Counted at the estimate (8 each), the second call would not fit; at the actual 2 each, three fit (8+2+2 <= 12).
        for (var i = 0; i < 3; i++)
        {
            await CallAsync(client, streaming);
        }

        Assert.Equal(3, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_OverLimitInWaitMode_WaitsForRoom(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { RequestsPerMinute = 1, MaxWait = TimeSpan.FromMinutes(2) });

        await CallAsync(client, streaming);
        var second = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(Patience);

        Assert.Equal(2, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_WaitLongerThanMaxWait_ThrowsRateLimited(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { RequestsPerMinute = 1, MaxWait = TimeSpan.FromSeconds(10) });

        await CallAsync(client, streaming);
        var second = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(10));
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => second).WaitAsync(Patience);

        Assert.Equal(ModelErrorKind.RateLimited, thrown.Kind);
        Assert.Contains("MaxWait", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(1, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_TokensRejected_DoesNotCountTheRequest(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { RequestsPerMinute = 2, TokensPerMinute = QuestionTokens, WhenLimited = RateLimitBehavior.FailFast });

        await CallAsync(client, streaming);
        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));
        _time.Advance(TimeSpan.FromMinutes(1));
        await CallAsync(client, streaming);
        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));
        _time.Advance(TimeSpan.FromMinutes(1));
        await CallAsync(client, streaming);

        Assert.Equal(3, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RequestLargerThanTokensPerMinute_ThrowsBadRequest(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { TokensPerMinute = QuestionTokens - 1 });

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Equal(ModelErrorKind.BadRequest, thrown.Kind);
        Assert.False(thrown.IsTransient);
        Assert.Equal(0, inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_DifferentModels_LimitedSeparately(bool streaming)
    {
        var inner = Answering();
        using var client = Build(inner, new RateLimitingOptions { RequestsPerMinute = 1, WhenLimited = RateLimitBehavior.FailFast });

        await CallAsync(client, streaming, new ChatOptions { ModelId = "model-a" });
        await CallAsync(client, streaming, new ChatOptions { ModelId = "model-b" });
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming, new ChatOptions { ModelId = "model-a" }));

        Assert.Equal("model-a", thrown.Model);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public void Build_NoLimit_ThrowsArgumentException()
    {
        var builder = new ChatClientBuilder(new TestChatClient()).UseRateLimiting(new RateLimitingOptions(), _time);

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("RequestsPerMinute, TokensPerMinute", thrown.Message, StringComparison.Ordinal);
    }

    private static TestChatClient Answering(UsageDetails? usage = null) => new()
    {
        DefaultModelId = "model",
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer(usage: usage)),
    };

    private IChatClient Build(TestChatClient inner, RateLimitingOptions options) =>
        new ChatClientBuilder(inner).UseRateLimiting(options, _time).Build();
}
