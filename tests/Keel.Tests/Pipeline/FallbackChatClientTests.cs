using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

public sealed class FallbackChatClientTests
{
    [Theory]
    [InlineData(false, ModelErrorKind.ServerError)]
    [InlineData(true, ModelErrorKind.ServerError)]
    [InlineData(false, ModelErrorKind.RateLimited)]
    [InlineData(true, ModelErrorKind.RateLimited)]
    [InlineData(false, ModelErrorKind.Timeout)]
    [InlineData(true, ModelErrorKind.Timeout)]
    [InlineData(false, ModelErrorKind.ConnectionFailed)]
    [InlineData(true, ModelErrorKind.ConnectionFailed)]
    public async Task GetResponse_PrimaryFailsTransiently_AnswersFromNextAndReportsRoute(bool streaming, ModelErrorKind kind)
    {
        var primary = Failing(Error(kind));
        var secondary = Answering("From b.");
        using var client = Build(primary, new FallbackOptions { PrimaryName = "a", Fallbacks = [new("b", secondary)] });

        var response = await CallAsync(client, streaming);

        Assert.Equal("From b.", response.Text);
        Assert.Equal("b", response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Equal(["a"], Assert.IsType<string[]>(response.AdditionalProperties?[KeelPropertyNames.Fallbacks]));
        Assert.Equal(1, primary.Calls);
        Assert.Equal(1, secondary.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_PrimaryAnswers_ReportsPrimaryAndNoFallbacks(bool streaming)
    {
        var secondary = Answering("From b.");
        using var client = Build(Answering("From a.", defaultModelId: "model-a"), new FallbackOptions { Fallbacks = [new("b", secondary)] });

        var response = await CallAsync(client, streaming);

        Assert.Equal("From a.", response.Text);
        Assert.Equal("model-a", response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Empty(Assert.IsType<string[]>(response.AdditionalProperties?[KeelPropertyNames.Fallbacks]));
        Assert.Equal(0, secondary.Calls);
    }

    [Theory]
    [InlineData(false, ModelErrorKind.BadRequest)]
    [InlineData(true, ModelErrorKind.BadRequest)]
    [InlineData(false, ModelErrorKind.Authentication)]
    [InlineData(true, ModelErrorKind.Authentication)]
    public async Task GetResponse_NonTransientError_ThrowsWithoutFallingBack(bool streaming, ModelErrorKind kind)
    {
        var error = Error(kind, 400);
        var secondary = Answering("From b.");
        using var client = Build(Failing(error), new FallbackOptions { Fallbacks = [new("b", secondary)] });

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Same(error, thrown);
        Assert.Equal(0, secondary.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_NonTransientErrorWithOptionOn_FallsBack(bool streaming)
    {
        var secondary = Answering("From b.");
        using var client = Build(Failing(Error(ModelErrorKind.BadRequest, 413)), new FallbackOptions { Fallbacks = [new("b", secondary)], FallBackOnNonTransient = true });

        var response = await CallAsync(client, streaming);

        Assert.Equal("From b.", response.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_CutAfterFirstChunk_ThrowsStreamInterruptedWithoutFallingBack()
    {
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => Chunks(["Par"], Error(ModelErrorKind.ConnectionFailed, model: "a")) };
        var secondary = Answering("From b.");
        using var client = Build(primary, new FallbackOptions { Fallbacks = [new("b", secondary)] });
        var received = new List<string>();

        var thrown = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(ModelErrorKind.StreamInterrupted, thrown.Kind);
        Assert.Contains("'a'", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(["Par"], received);
        Assert.Equal(0, secondary.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_AllModelsFail_ThrowsLastErrorListingEveryModel(bool streaming)
    {
        using var client = Build(
            Failing(Error(ModelErrorKind.ServerError, 503)),
            new FallbackOptions
            {
                PrimaryName = "a",
                Fallbacks = [new("b", Failing(Error(ModelErrorKind.RateLimited, 429, TimeSpan.FromSeconds(7)))), new("c", Failing(Error(ModelErrorKind.Timeout)))],
            });

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Equal(ModelErrorKind.Timeout, thrown.Kind);
        Assert.StartsWith("All 3 models failed.", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'a': ServerError (503)", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'b': RateLimited (429)", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'c': Timeout", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(ModelErrorKind.Timeout, Assert.IsType<ModelCallException>(thrown.InnerException).Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ModelIdInOptions_NotPassedToFallbackModel(bool streaming)
    {
        string? seenModelId = "unset";
        var secondary = new TestChatClient
        {
            GetResponseAsyncCallback = (_, options, _) =>
            {
                seenModelId = options?.ModelId;
                return Task.FromResult(Answer());
            },
        };
        using var client = Build(Failing(Error(ModelErrorKind.ServerError)), new FallbackOptions { Fallbacks = [new("b", secondary)] });

        await CallAsync(client, streaming, new ChatOptions { ModelId = "primary-model", Temperature = 0.5f });

        Assert.Null(seenModelId);
    }

    [Fact]
    public void Build_NoFallbacks_ThrowsArgumentException()
    {
        var builder = new ChatClientBuilder(new TestChatClient()).UseFallback(new FallbackOptions());

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("FallbackOptions.Fallbacks", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateNames_ThrowsArgumentException()
    {
        var builder = new ChatClientBuilder(new TestChatClient())
            .UseFallback(new FallbackOptions { PrimaryName = "a", Fallbacks = [new("a", new TestChatClient())] });

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("'a' is used twice", thrown.Message, StringComparison.Ordinal);
    }

    private static TestChatClient Failing(ModelCallException error) => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromException<ChatResponse>(error),
    };

    private static TestChatClient Answering(string text, string? defaultModelId = null) => new()
    {
        DefaultModelId = defaultModelId,
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer(text)),
    };

    private static IChatClient Build(TestChatClient primary, FallbackOptions options) =>
        new ChatClientBuilder(primary).UseFallback(options).Build();
}
