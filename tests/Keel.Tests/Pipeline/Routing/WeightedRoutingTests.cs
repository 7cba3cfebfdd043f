using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;
using static Keel.Tests.Pipeline.Routing.RoutingTest;

namespace Keel.Tests.Pipeline.Routing;

public sealed class WeightedRoutingTests
{
    private static IChatClient Weighted(int? seed, params RouteTarget[] targets) =>
        RoutingChatClientFactory.Create(new RoutingOptions { Name = "ab", Strategy = RoutingStrategy.Weighted, Targets = targets, Seed = seed });

    private static async Task<Dictionary<string, int>> CountAsync(IChatClient client, int calls, Func<int, ChatOptions?> options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < calls; i++)
        {
            var name = (await RouteAsync(client, Question, options(i)))!;
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return counts;
    }

    [Fact]
    public async Task GetResponse_NinetyTen_SplitsTenThousandCallsWithinTolerance()
    {
        using var client = Weighted(42, Target("a", 90), Target("b", 10));

        var counts = await CountAsync(client, 10_000, _ => null);

        Assert.InRange(counts["a"], 8_850, 9_150);
        Assert.Equal(10_000 - counts["a"], counts["b"]);
    }

    [Fact]
    public async Task GetResponse_ThreeArms_SplitsByWeight()
    {
        using var client = Weighted(7, Target("a", 1), Target("b", 2), Target("c", 1));

        var counts = await CountAsync(client, 10_000, _ => null);

        Assert.InRange(counts["a"], 2_350, 2_650);
        Assert.InRange(counts["b"], 4_800, 5_200);
        Assert.InRange(counts["c"], 2_350, 2_650);
    }

    [Fact]
    public async Task GetResponse_SameSeed_SameSequence()
    {
        using var first = Weighted(123, Target("a", 50), Target("b", 50));
        using var second = Weighted(123, Target("a", 50), Target("b", 50));

        var one = new List<string?>();
        var two = new List<string?>();
        for (var i = 0; i < 200; i++)
        {
            one.Add(await RouteAsync(first, Question));
            two.Add(await RouteAsync(second, Question));
        }

        Assert.Equal(one, two);
        Assert.Contains("a", one);
        Assert.Contains("b", one);
    }

    [Fact]
    public async Task GetResponse_RouteKey_KeepsEachKeyOnOneArmAndStillSplits()
    {
        using var client = Weighted(seed: null, Target("a", 90), Target("b", 10));
        var arms = new Dictionary<string, string?>(StringComparer.Ordinal);

        for (var user = 0; user < 2_000; user++)
        {
            var key = $"user-{user}";
            var options = With(KeelPropertyNames.RouteKey, key);
            arms[key] = await RouteAsync(client, Question, options);
            Assert.Equal(arms[key], await RouteAsync(client, Question, options));
            Assert.Equal(arms[key], await RouteAsync(client, Question, options));
        }

        Assert.InRange(arms.Values.Count(arm => arm == "a"), 1_700, 1_900);
    }

    [Fact]
    public async Task GetResponse_RouteKey_SameArmInAnotherInstance()
    {
        using var first = Weighted(1, Target("a", 50), Target("b", 50));
        using var second = Weighted(2, Target("a", 50), Target("b", 50));

        for (var user = 0; user < 100; user++)
        {
            var options = With(KeelPropertyNames.RouteKey, $"user-{user}");
            Assert.Equal(await RouteAsync(first, Question, options), await RouteAsync(second, Question, options));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Create_WeightNotPositive_Throws(int weight)
    {
        var error = Assert.Throws<ArgumentException>(() => Weighted(1, Target("a", 90), Target("b", weight)));

        Assert.Contains($"target 'b' has weight {weight}; weights must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DuplicateTarget_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Weighted(1, Target("a"), Target("a")));

        Assert.Contains("the target 'a' is listed twice", error.Message, StringComparison.Ordinal);
    }
}
