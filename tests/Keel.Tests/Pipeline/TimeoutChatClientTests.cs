using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

public sealed class TimeoutChatClientTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_SlowerThanTotal_ThrowsTimeoutNamingTotal(bool streaming)
    {
        var inner = AnswersAfter(TimeSpan.FromSeconds(20));
        using var client = Build(inner, new TimeoutOptions { Total = TimeSpan.FromSeconds(10), FirstToken = null, Idle = null });

        var call = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => call).WaitAsync(Patience);

        Assert.Equal(ModelErrorKind.Timeout, thrown.Kind);
        Assert.Contains("TimeoutOptions.Total", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'slow-model'", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("slow-model", thrown.Model);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_WithinTotal_Answers(bool streaming)
    {
        using var client = Build(AnswersAfter(TimeSpan.FromSeconds(5)), new TimeoutOptions { Total = TimeSpan.FromSeconds(10) });

        var call = CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromSeconds(5));
        var response = await call.WaitAsync(Patience);

        Assert.Equal("Paris.", response.Text);
    }

    [Fact]
    public async Task GetResponse_ProviderIgnoresCancellation_StillTimesOutAtTotal()
    {
        var never = new TaskCompletionSource<ChatResponse>();
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => never.Task };
        using var client = Build(inner, new TimeoutOptions { Total = TimeSpan.FromSeconds(10) });

        var call = CallAsync(client, streaming: false);
        _time.Advance(TimeSpan.FromSeconds(10));
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => call).WaitAsync(Patience);

        Assert.Equal(ModelErrorKind.Timeout, thrown.Kind);
    }

    [Fact]
    public async Task GetStreamingResponse_NoFirstTokenInTime_ThrowsTimeoutNamingFirstToken()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, token) => Paced([TimeSpan.FromSeconds(40)], token) };
        using var client = Build(inner, new TimeoutOptions { Total = TimeSpan.FromMinutes(2), FirstToken = TimeSpan.FromSeconds(30), Idle = TimeSpan.FromSeconds(5) });

        var call = CallAsync(client, streaming: true);
        _time.Advance(TimeSpan.FromSeconds(30));
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => call).WaitAsync(Patience);

        Assert.Equal(ModelErrorKind.Timeout, thrown.Kind);
        Assert.Contains("first token", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("TimeoutOptions.FirstToken", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("(timeout.first_token in keel.yaml)", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_GapBetweenChunksTooLong_ThrowsTimeoutNamingIdle()
    {
        var inner = new TestChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, token) => Paced([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(31)], token),
        };
        using var client = Build(inner, new TimeoutOptions { Total = null, FirstToken = TimeSpan.FromSeconds(30), Idle = TimeSpan.FromSeconds(30) });
        await using var stream = client.GetStreamingResponseAsync(Question).GetAsyncEnumerator();

        var next = stream.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await next.WaitAsync(Patience));
        next = stream.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next.WaitAsync(Patience));
        next = stream.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => next).WaitAsync(Patience);

        Assert.Equal(ModelErrorKind.Timeout, thrown.Kind);
        Assert.Contains("TimeoutOptions.Idle", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_CallerSlowBetweenChunks_DoesNotCountAsIdle()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => Chunks(["Par", "is."]) };
        using var client = Build(inner, new TimeoutOptions { Total = null, Idle = TimeSpan.FromSeconds(30) });

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal("Paris.", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_CallerCancels_ThrowsOperationCanceledNotTimeout(bool streaming)
    {
        using var client = Build(AnswersAfter(TimeSpan.FromSeconds(20)), new TimeoutOptions());
        using var cts = new CancellationTokenSource();

        var call = CallAsync(client, streaming, cancellationToken: cts.Token);
        _time.Advance(TimeSpan.FromSeconds(5));
        await cts.CancelAsync();

        var thrown = await Record.ExceptionAsync(() => call.WaitAsync(Patience));
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    [Fact]
    public void Build_NonPositiveTimeout_ThrowsArgumentException()
    {
        var builder = new ChatClientBuilder(new TestChatClient()).UseTimeout(new TimeoutOptions { Idle = TimeSpan.Zero }, _time);

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("TimeoutOptions.Idle", thrown.Message, StringComparison.Ordinal);
    }

    private TestChatClient AnswersAfter(TimeSpan delay) => new()
    {
        DefaultModelId = "slow-model",
        GetResponseAsyncCallback = async (_, _, token) =>
        {
            await Task.Delay(delay, _time, token);
            return Answer();
        },
    };

    private async IAsyncEnumerable<ChatResponseUpdate> Paced(TimeSpan[] delays, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var delay in delays)
        {
            await Task.Delay(delay, _time, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "chunk ");
        }
    }

    private IChatClient Build(TestChatClient inner, TimeoutOptions options) =>
        new ChatClientBuilder(inner).UseTimeout(options, _time).Build();
}
