using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;
using static Keel.Tests.Pipeline.Routing.RoutingTest;

namespace Keel.Tests.Pipeline.Routing;

public sealed class RoutingDecisionTests
{
    [Theory]
    [InlineData(false, RoutingStrategy.Cascade)]
    [InlineData(true, RoutingStrategy.Cascade)]
    [InlineData(false, RoutingStrategy.Weighted)]
    [InlineData(true, RoutingStrategy.Weighted)]
    [InlineData(false, RoutingStrategy.LowestLatency)]
    [InlineData(true, RoutingStrategy.LowestLatency)]
    public async Task GetResponse_RecordsRouteAndModel(bool streaming, RoutingStrategy strategy)
    {
        using var client = RoutingChatClientFactory.Create(new RoutingOptions { Name = "r", Strategy = strategy, Targets = [Target("only")], Default = "only" });

        var response = await CallAsync(client, streaming);

        Assert.Equal("From only.", response.Text);
        Assert.Equal("r", response.AdditionalProperties?[KeelPropertyNames.Route]);
        Assert.Equal("only", response.AdditionalProperties?[KeelPropertyNames.Model]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_TargetFallsBack_ReportsTheModelThatAnswered(bool streaming)
    {
        var primary = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw Error(ModelErrorKind.ServerError, 503) };
        var target = new ChatClientBuilder(primary).UseFallback(new FallbackOptions { PrimaryName = "strong", Fallbacks = [new("backup", Named("backup"))] }).Build();
        using var client = RoutingChatClientFactory.Create(new RoutingOptions { Name = "smart", Targets = [new("strong", target)], Default = "strong" });

        var response = await CallAsync(client, streaming);

        Assert.Equal("From backup.", response.Text);
        Assert.Equal("smart", response.AdditionalProperties?[KeelPropertyNames.Route]);
        Assert.Equal("backup", response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Equal(["strong"], Assert.IsType<string[]>(response.AdditionalProperties?[KeelPropertyNames.Fallbacks]));
    }

    [Fact]
    public async Task GetStreamingResponse_DecisionIsATrailingUpdateWithoutContent()
    {
        using var client = RoutingChatClientFactory.Create(new RoutingOptions { Name = "r", Targets = [Target("only")], Default = "only" });

        var updates = await client.GetStreamingResponseAsync(Question).ToListAsync();

        Assert.Empty(updates[^1].Contents);
        Assert.Equal("r", updates[^1].AdditionalProperties?[KeelPropertyNames.Route]);
        Assert.Equal("only", updates[^1].AdditionalProperties?[KeelPropertyNames.Model]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_TargetFails_ErrorReachesCallerUnchanged(bool streaming)
    {
        var error = Error(ModelErrorKind.ServerError, 500);
        var other = Named("other");
        using var client = RoutingChatClientFactory.Create(new RoutingOptions
        {
            Name = "r",
            Targets = [new("broken", new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw error }), new("other", other)],
            Default = "broken",
        });

        var thrown = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming));

        Assert.Same(error, thrown);
        Assert.Equal(0, other.Calls);
    }

    [Fact]
    public void GetService_Metadata_NamesTheRoute()
    {
        using var client = RoutingChatClientFactory.Create(new RoutingOptions { Name = "r", Targets = [Target("only")], Default = "only" });

        Assert.Equal("r", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }
}
