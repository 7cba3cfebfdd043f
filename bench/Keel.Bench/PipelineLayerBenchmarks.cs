using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Keel.Bench;

/// <summary>What each pipeline layer costs per call, against the bare in-memory client (the baseline).</summary>
[MemoryDiagnoser]
public class PipelineLayerBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, "What is the refund window?")];
    private InstantChatClient _bare = null!;
    private IChatClient _retry = null!;
    private IChatClient _timeout = null!;
    private IChatClient _usage = null!;
    private IChatClient _rateLimit = null!;
    private IChatClient _all = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bare = new InstantChatClient();
        _retry = new ChatClientBuilder(_bare).UseRetry().Build();
        _timeout = new ChatClientBuilder(_bare).UseTimeout().Build();
        _usage = new ChatClientBuilder(_bare).UseUsage(new UsageOptions { Prices = new PriceTable("bench", new Dictionary<string, ModelPrice> { ["bench-model"] = new(0.15m, 0.6m) }) }).Build();
        _rateLimit = new ChatClientBuilder(_bare).UseRateLimiting(new RateLimitingOptions { RequestsPerMinute = int.MaxValue / 2 }).Build();
        _all = new ChatClientBuilder(_bare)
            .UseFallback(new FallbackOptions { PrimaryName = "a", Fallbacks = [new FallbackModel("b", _bare)] })
            .UseRateLimiting(new RateLimitingOptions { RequestsPerMinute = int.MaxValue / 2 })
            .UseRetry()
            .UseTimeout()
            .UseUsage(new UsageOptions { Prices = new PriceTable("bench", new Dictionary<string, ModelPrice> { ["bench-model"] = new(0.15m, 0.6m) }) })
            .Build();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Bare() => _bare.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> Retry() => _retry.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> Timeout() => _timeout.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> Usage() => _usage.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> RateLimit() => _rateLimit.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> AllLayers() => _all.GetResponseAsync(Messages);

    /// <summary>Answers at once, with usage, so only the layers' own work is measured.</summary>
    private sealed class InstantChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Refunds are available within 30 days."))
            {
                ModelId = "bench-model",
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 9 },
            });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
