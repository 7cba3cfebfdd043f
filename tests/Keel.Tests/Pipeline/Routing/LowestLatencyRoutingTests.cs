using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;
using static Keel.Tests.Pipeline.Routing.RoutingTest;

namespace Keel.Tests.Pipeline.Routing;

public sealed class LowestLatencyRoutingTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Dictionary<string, TimeSpan> _latency = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    private RouteTarget Slow(string name, int milliseconds)
    {
        _latency[name] = TimeSpan.FromMilliseconds(milliseconds);
        return new RouteTarget(name, new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) =>
            {
                _time.Advance(_latency[name]);
                return _failing.Contains(name) ? throw Error(ModelErrorKind.ServerError, 503) : Task.FromResult(Answer("From " + name + "."));
            },
        });
    }

    private IChatClient Fastest(params RouteTarget[] targets) =>
        RoutingChatClientFactory.Create(new RoutingOptions { Name = "fast", Strategy = RoutingStrategy.LowestLatency, Targets = targets, ExploreEvery = 10 }, _time);

    private static async Task<List<string?>> CallsAsync(IChatClient client, int count, bool streaming = false)
    {
        var answered = new List<string?>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                answered.Add(AnsweredBy(await CallAsync(client, streaming)));
            }
            catch (ModelCallException)
            {
                answered.Add(null);
            }
        }

        return answered;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_AfterWarmUp_SendsMostCallsToTheFastest(bool streaming)
    {
        using var client = Fastest(Slow("a", 100), Slow("b", 20), Slow("c", 50));

        var answered = await CallsAsync(client, 100, streaming);

        Assert.Equal(["a", "b", "c"], answered.Take(3));
        Assert.Equal(88, answered.Count(n => n == "b")); // all but the first two warm-up calls and the ten explorations
        Assert.Equal(["a", "c"], answered.Skip(3).Where(n => n != "b").Distinct().Order());
    }

    [Fact]
    public async Task GetResponse_ExploresEveryTenthCall_TheLeastRecentlyTried()
    {
        using var client = Fastest(Slow("a", 100), Slow("b", 20), Slow("c", 50));

        var answered = await CallsAsync(client, 30);

        Assert.Equal("a", answered[9]);
        Assert.Equal("c", answered[19]);
        Assert.Equal("a", answered[29]);
        Assert.All(answered.Where((_, i) => i >= 3 && (i + 1) % 10 != 0), n => Assert.Equal("b", n));
    }

    [Fact]
    public async Task GetResponse_SlowModelRecovers_IsNoticedAndPreferred()
    {
        using var client = Fastest(Slow("a", 500), Slow("b", 50));
        await CallsAsync(client, 20);
        _latency["a"] = TimeSpan.FromMilliseconds(5);

        var answered = await CallsAsync(client, 65);

        Assert.Equal("a", answered[^1]);
        Assert.True(answered.TakeLast(20).Count(n => n == "a") >= 18);
    }

    [Fact]
    public async Task GetResponse_FastModelFails_CountsAsSlowAndTrafficMoves()
    {
        using var client = Fastest(Slow("a", 100), Slow("b", 20));
        await CallsAsync(client, 5);
        _failing.Add("b");

        var answered = await CallsAsync(client, 10);

        // A failure reaches the caller (a route does not retry on another target); the tenth call explores b again.
        Assert.Equal([null, "a", "a", "a", null, "a", "a", "a", "a", "a"], answered);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_IsNotCountedAsSlow()
    {
        using var cancelled = new CancellationTokenSource();
        var b = Slow("b", 20);
        using var client = Fastest(Slow("a", 100), b);
        await CallsAsync(client, 2);
        var measured = ((TestChatClient)b.Client).GetResponseAsyncCallback!;
        ((TestChatClient)b.Client).GetResponseAsyncCallback = (_, _, token) =>
        {
            _time.Advance(TimeSpan.FromSeconds(60));
            cancelled.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.FromResult(Answer());
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Question, cancellationToken: cancelled.Token));
        ((TestChatClient)b.Client).GetResponseAsyncCallback = measured;

        Assert.Equal(["b"], await CallsAsync(client, 1));
    }
}
