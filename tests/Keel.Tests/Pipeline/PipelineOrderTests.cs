using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

/// <summary>The layers composed in the documented order, as a configured model would be.</summary>
public sealed class PipelineOrderTests
{
    private static readonly PriceTable Prices = new("v1", new Dictionary<string, ModelPrice> { ["gpt-test"] = new(1m, 2m) });

    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_FirstAttemptTimesOut_RetriesWithItsOwnTimeoutAndRecordsEverything(bool streaming)
    {
        var provider = new TestChatClient { DefaultModelId = "gpt-test" };
        provider.GetResponseAsyncCallback = async (_, _, token) =>
        {
            if (provider.Calls == 1)
            {
                await Task.Delay(TimeSpan.FromMinutes(10), _time, token);
            }

            return Answer(usage: new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 1000 }, modelId: "gpt-test");
        };
        var backup = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer("From backup.")) };
        using var client = Build(provider, backup);

        var response = await AdvanceUntilDone(CallAsync(client, streaming));

        Assert.Equal("Paris.", response.Text);
        Assert.Equal(2, provider.Calls);
        Assert.Equal(0, backup.Calls);
        Assert.Equal(1, response.AdditionalProperties?[KeelPropertyNames.Retries]);
        Assert.Equal("gpt-test", response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Equal(0.003m, response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_PrimaryDownAfterRetries_FallsBackOnce(bool streaming)
    {
        var provider = new TestChatClient
        {
            DefaultModelId = "gpt-test",
            GetResponseAsyncCallback = (_, _, _) => Task.FromException<ChatResponse>(Error(ModelErrorKind.ServerError, 503)),
        };
        var backup = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer("From backup.")) };
        using var client = Build(provider, backup);

        var response = await AdvanceUntilDone(CallAsync(client, streaming));

        Assert.Equal("From backup.", response.Text);
        Assert.Equal(3, provider.Calls);
        Assert.Equal("backup", response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Equal(["gpt-test"], Assert.IsType<string[]>(response.AdditionalProperties?[KeelPropertyNames.Fallbacks]));
    }

    private IChatClient Build(TestChatClient provider, TestChatClient backup) =>
        new ChatClientBuilder(provider)
            .UseFallback(new FallbackOptions { Fallbacks = [new("backup", backup)] })
            .UseRateLimiting(new RateLimitingOptions { RequestsPerMinute = 60 }, _time)
            .UseRetry(new RetryOptions { UseJitter = false }, _time)
            .UseTimeout(new TimeoutOptions { Total = TimeSpan.FromSeconds(5) }, _time)
            .UseUsage(new UsageOptions { Prices = Prices })
            .Build();

    // Several layers hand work to timers here; step the fake clock until the call is done rather than predict each hop.
    private async Task<ChatResponse> AdvanceUntilDone(Task<ChatResponse> call)
    {
        for (var step = 0; step < 600 && !call.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            SpinWait.SpinUntil(() => call.IsCompleted, TimeSpan.FromMilliseconds(5));
        }

        return await call.WaitAsync(Patience);
    }
}
