using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Tests.Evals;

public sealed class EvalCallCacheTests
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, "Where is my order?")];

    [Fact]
    public void Key_CoversModelOptionsMessagesToolsAndRepeat()
    {
        var options = new ChatOptions { Temperature = 0 };
        var key = EvalCallCache.Key("m", Messages, options, 0);

        Assert.Equal(key, EvalCallCache.Key("m", [new(ChatRole.User, "Where is my order?")], new ChatOptions { Temperature = 0 }, 0));
        Assert.NotEqual(key, EvalCallCache.Key("m", Messages, options, 1));
        Assert.NotEqual(key, EvalCallCache.Key("other", Messages, options, 0));
        Assert.NotEqual(key, EvalCallCache.Key("m", Messages, new ChatOptions { Temperature = 0.5f }, 0));
        Assert.NotEqual(key, EvalCallCache.Key("m", [new(ChatRole.User, "Where is my parcel?")], options, 0));
        Assert.NotEqual(key, EvalCallCache.Key("m", Messages, new ChatOptions { Temperature = 0, Tools = [AIFunctionFactory.CreateDeclaration("lookup", "", AIJsonUtilities.CreateJsonSchema(typeof(string)))] }, 0));
    }

    [Theory]
    [InlineData(EvalCacheMode.Read, true, true)]
    [InlineData(EvalCacheMode.Write, false, true)]
    [InlineData(EvalCacheMode.Off, false, false)]
    internal async Task Modes_ReadWriteOff_DoWhatTheySay(EvalCacheMode mode, bool reads, bool writes)
    {
        var store = new MemoryResponseCacheStore();
        var time = new FakeTimeProvider();
        await new EvalCallCache(store, EvalCacheMode.Write, time).SetAsync("seeded", new ChatResponse(new ChatMessage(ChatRole.Assistant, "cached")), TimeSpan.FromMilliseconds(42), CancellationToken.None);
        var cache = new EvalCallCache(store, mode, time);

        var hit = await cache.GetAsync("seeded", CancellationToken.None);
        await cache.SetAsync("new", new ChatResponse(new ChatMessage(ChatRole.Assistant, "fresh")), TimeSpan.FromMilliseconds(1), CancellationToken.None);

        Assert.Equal(reads, hit is not null);
        if (hit is { } found)
        {
            Assert.Equal(("cached", 42.0), (found.Response.Text, found.Latency.TotalMilliseconds));
        }

        Assert.Equal(writes, await store.GetAsync("new", time.GetUtcNow(), CancellationToken.None) is not null);
    }
}
