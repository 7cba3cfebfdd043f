using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline;

public sealed class UsageChatClientTests
{
    private static readonly PriceTable Prices = new("2026-11-01", new Dictionary<string, ModelPrice>
    {
        ["gpt-test"] = new(InputPerMillion: 2.50m, OutputPerMillion: 10m, CachedInputPerMillion: 1.25m),
        ["flat-test"] = new(InputPerMillion: 3m, OutputPerMillion: 15m),
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_PricedModel_ComputesCostWithCachedInputPricedSeparately(bool streaming)
    {
        var usage = new UsageDetails { InputTokenCount = 1000, CachedInputTokenCount = 400, OutputTokenCount = 500, TotalTokenCount = 1500 };
        using var client = Build(Answering(usage, "gpt-test"));

        var response = await CallAsync(client, streaming);

        // 600 uncached x $2.50 + 400 cached x $1.25 + 500 output x $10, per million = (1500 + 500 + 5000) / 1e6.
        Assert.Equal(0.007m, response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
        Assert.Equal(false, response.AdditionalProperties?[KeelPropertyNames.UsageEstimated]);
        Assert.Equal("2026-11-01", response.AdditionalProperties?[KeelPropertyNames.PriceTableVersion]);
        Assert.Equal(1000, response.Usage?.InputTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_NoCachedPrice_PricesCachedInputAsInput(bool streaming)
    {
        var usage = new UsageDetails { InputTokenCount = 1000, CachedInputTokenCount = 400, OutputTokenCount = 500 };
        using var client = Build(Answering(usage, "flat-test"));

        var response = await CallAsync(client, streaming);

        // 1000 x $3 + 500 x $15, per million = (3000 + 7500) / 1e6.
        Assert.Equal(0.0105m, response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UnknownModel_CostIsNull(bool streaming)
    {
        using var client = Build(Answering(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 10 }, "mystery-model"));

        var response = await CallAsync(client, streaming);

        Assert.True(response.AdditionalProperties?.ContainsKey(KeelPropertyNames.CostUsd));
        Assert.Null(response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
        Assert.False(response.AdditionalProperties?.ContainsKey(KeelPropertyNames.PriceTableVersion));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ProviderSendsNoUsage_EstimatesAndMarksEstimated(bool streaming)
    {
        using var client = Build(Answering(usage: null, modelId: "gpt-test", text: "Paris is the capital."));

        var response = await CallAsync(client, streaming);

        // Question: 30 characters -> 8 tokens; answer: 21 characters -> 6 tokens.
        Assert.Equal(true, response.AdditionalProperties?[KeelPropertyNames.UsageEstimated]);
        Assert.Equal(8, response.Usage?.InputTokenCount);
        Assert.Equal(6, response.Usage?.OutputTokenCount);
        Assert.Equal(((8 * 2.50m) + (6 * 10m)) / 1_000_000m, response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_NoPriceTable_RecordsUsageWithNullCost(bool streaming)
    {
        using var client = new ChatClientBuilder(Answering(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 10 }, "gpt-test")).UseUsage().Build();

        var response = await CallAsync(client, streaming);

        Assert.Null(response.AdditionalProperties?[KeelPropertyNames.CostUsd]);
        Assert.Equal(false, response.AdditionalProperties?[KeelPropertyNames.UsageEstimated]);
    }

    [Theory]
    [InlineData("gpt-test", 2.50)]
    [InlineData("GPT-TEST", 2.50)]
    [InlineData("gpt-test-2026-08-06", 2.50)]
    [InlineData("gpt-test-mini", null)]
    [InlineData("other", null)]
    public void Find_ModelId_FindsExactCaseInsensitiveOrSnapshotPrice(string modelId, double? inputPerMillion)
    {
        var price = Prices.Find(modelId);

        Assert.Equal(inputPerMillion is null ? null : (decimal)inputPerMillion, price?.InputPerMillion);
    }

    [Fact]
    public void Build_NegativePrice_ThrowsArgumentException()
    {
        var table = new PriceTable("v1", new Dictionary<string, ModelPrice> { ["m"] = new(-1m, 1m) });
        var builder = new ChatClientBuilder(new TestChatClient()).UseUsage(new UsageOptions { Prices = table });

        var thrown = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("'m'", thrown.Message, StringComparison.Ordinal);
    }

    private static TestChatClient Answering(UsageDetails? usage, string modelId, string text = "Paris.") => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer(text, usage, modelId)),
    };

    private static IChatClient Build(TestChatClient inner) =>
        new ChatClientBuilder(inner).UseUsage(new UsageOptions { Prices = Prices }).Build();
}
