using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;
using static Keel.Tests.Pipeline.Routing.RoutingTest;

namespace Keel.Tests.Pipeline.Routing;

public sealed class CascadeRoutingTests
{
    private static IChatClient Cascade(params CascadeRule[] rules) => RoutingChatClientFactory.Create(new RoutingOptions
    {
        Name = "smart",
        Targets = [Target("cheap"), Target("strong"), Target("special")],
        Rules = rules,
        Default = "strong",
    });

    [Theory]
    [InlineData(10, "cheap")]
    [InlineData(25, "cheap")]
    [InlineData(26, "strong")]
    [InlineData(4000, "strong")]
    public async Task GetResponse_ByEstimatedTokens_ShortGoesCheapLongGoesDefault(int tokens, string expected)
    {
        using var client = Cascade(new CascadeRule { Target = "cheap", MaxInputTokens = 25 });

        // Four characters per token: 4 × tokens characters estimate to exactly that many tokens.
        var answered = await RouteAsync(client, [new(ChatRole.User, new string('x', 4 * tokens))]);

        Assert.Equal(expected, answered);
    }

    [Fact]
    public async Task GetResponse_TokensCountAcrossAllMessages()
    {
        using var client = Cascade(new CascadeRule { Target = "cheap", MaxInputTokens = 25 });

        var answered = await RouteAsync(client, [new(ChatRole.System, new string('s', 60)), new(ChatRole.User, new string('u', 60))]);

        Assert.Equal("strong", answered);
    }

    [Theory]
    [InlineData("hard", "special")]
    [InlineData("easy", "strong")]
    [InlineData(null, "strong")]
    public async Task GetResponse_ByTag_MatchesOnlyThatTag(string? tag, string expected)
    {
        using var client = Cascade(new CascadeRule { Target = "special", Tag = "hard" });

        var answered = await RouteAsync(client, Question, tag is null ? null : With(KeelPropertyNames.Tag, tag));

        Assert.Equal(expected, answered);
    }

    [Theory]
    [InlineData("What is the capital of France?", "special")]
    [InlineData("Write me a poem.", "cheap")]
    public async Task GetResponse_ByPredicate_FirstMatchingRuleWins(string question, string expected)
    {
        using var client = Cascade(
            new CascadeRule { Target = "special", Predicate = (messages, _) => messages.Last().Text.EndsWith('?') },
            new CascadeRule { Target = "cheap", MaxInputTokens = 1000 });

        var answered = await RouteAsync(client, [new(ChatRole.User, question)]);

        Assert.Equal(expected, answered);
    }

    [Fact]
    public async Task GetResponse_AllConditionsOfARuleMustHold()
    {
        using var client = Cascade(new CascadeRule { Target = "cheap", MaxInputTokens = 1000, Tag = "easy" });

        Assert.Equal("strong", await RouteAsync(client, Question));
        Assert.Equal("cheap", await RouteAsync(client, Question, With(KeelPropertyNames.Tag, "easy")));
    }

    [Fact]
    public async Task GetResponse_NoRules_GoesToDefault()
    {
        using var client = Cascade();

        Assert.Equal("strong", await RouteAsync(client, Question));
    }

    [Fact]
    public void Create_WithoutDefault_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RoutingChatClientFactory.Create(new RoutingOptions { Name = "smart", Targets = [Target("cheap")] }));

        Assert.Contains("Route 'smart': a cascade needs a Default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RuleNamingNoTarget_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RoutingChatClientFactory.Create(new RoutingOptions
        {
            Name = "smart",
            Targets = [Target("cheap")],
            Rules = [new CascadeRule { Target = "nope" }],
            Default = "cheap",
        }));

        Assert.Contains("Rules[0] names 'nope'", error.Message, StringComparison.Ordinal);
    }
}
