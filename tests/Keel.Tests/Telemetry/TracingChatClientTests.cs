using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Tests.Telemetry;

public sealed class TracingChatClientTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));
    private readonly SqliteTraceStore _store;
    private readonly TraceWriter _writer;

    public TracingChatClientTests()
    {
        _store = new SqliteTraceStore(SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db")));
        _writer = new TraceWriter(_store);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _directory.Dispose();
    }

    private TracingChatClient Tracing(IChatClient inner, bool capture = false) => new(inner, "default", "openai", _writer, _time, capture);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_Succeeds_RecordsOneTraceWithUsageCostAndLatency(bool streaming)
    {
        var inner = new StepChatClient(_time, TimeSpan.FromMilliseconds(40), ["Hello", " world"])
        {
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3 },
            Properties = new AdditionalPropertiesDictionary { [KeelPropertyNames.CostUsd] = 0.0042, [KeelPropertyNames.Retries] = 2, [KeelPropertyNames.Fallbacks] = new[] { "primary" }, [KeelPropertyNames.Model] = "backup" },
        };

        var text = await CallAsync(Tracing(inner), streaming);
        await _writer.FlushAsync();
        var trace = Assert.Single(await _store.ListAsync(10));

        Assert.Equal("Hello world", text);
        Assert.Equal("ok", trace.Status);
        Assert.Equal(streaming, trace.Streaming);
        Assert.Equal(12, trace.InputTokens);
        Assert.Equal(3, trace.OutputTokens);
        Assert.Equal(0.0042, trace.CostUsd);
        Assert.Equal(2, trace.Retries);
        Assert.Equal("primary", trace.Fallbacks);
        Assert.Equal("backup", trace.AnsweredBy);
        Assert.Equal(80, trace.LatencyMs);
        Assert.Equal(streaming ? 40 : null, trace.TimeToFirstTokenMs);
        Assert.Null(trace.Prompt);
        Assert.Null(trace.Response);
        Assert.Equal(_time.GetUtcNow().AddMilliseconds(-80), trace.StartedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_Fails_RecordsTheErrorAndRethrows(bool streaming)
    {
        var inner = new StepChatClient(_time, TimeSpan.Zero, ["partial"])
        {
            Failure = new ModelCallException(ModelErrorKind.ServerError, "default (openai): the provider failed (HTTP 503)."),
        };

        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(Tracing(inner), streaming));
        await _writer.FlushAsync();
        var trace = Assert.Single(await _store.ListAsync(10));

        Assert.Equal("error", trace.Status);
        Assert.Equal("ServerError", trace.ErrorKind);
        Assert.Contains("HTTP 503", trace.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithContentCapture_StoresPromptAndResponse(bool streaming)
    {
        var inner = new StepChatClient(_time, TimeSpan.Zero, ["Paris."]);

        await CallAsync(Tracing(inner, capture: true), streaming);
        await _writer.FlushAsync();
        var trace = Assert.Single(await _store.ListAsync(10));

        Assert.Equal("user: What is the capital of France?", trace.Prompt);
        Assert.Equal("Paris.", trace.Response);
    }

    [Fact]
    public async Task ManyCalls_AreAllRecordedOnce()
    {
        var client = Tracing(new StepChatClient(_time, TimeSpan.Zero, ["ok"]));

        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => client.GetResponseAsync("hi")));
        await _writer.FlushAsync();

        Assert.Equal(300, (await _store.ListAsync(1000)).Select(t => t.Id).Distinct().Count());
        Assert.Equal(0, _writer.Dropped);
    }

    [Fact]
    public void Statistics_ByModelAndDay_ComputesNearestRankPercentiles()
    {
        var day = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        var traces = Enumerable.Range(1, 20).Select(i => new TraceRecord
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartedAt = day.AddMinutes(i),
            Model = "m",
            Streaming = false,
            Status = i == 20 ? "error" : "ok",
            LatencyMs = i * 10,
            InputTokens = 5,
            OutputTokens = 1,
            CostUsd = 0.001,
        });

        var row = Assert.Single(TraceStatistics.ByModelAndDay(traces));

        // 20 latencies 10..200: p50 = 10th value = 100, p95 = 19th value = 190.
        Assert.Equal(("2026-11-24", 20, 1, 100.0, 190.0, 100L, 20L, 0.02), (row.Day, row.Calls, row.Errors, row.P50Ms, row.P95Ms, row.InputTokens, row.OutputTokens, row.CostUsd));
    }

    [Fact]
    public void Statistics_SomeCallsUnpriced_SumsThePricedAndCountsTheRest()
    {
        var row = Assert.Single(TraceStatistics.ByModelAndDay([Trace("1", 0.002), Trace("2", null), Trace("3", 0.001), Trace("4", null, "error")]));

        Assert.Equal((0.003, 1), (row.CostUsd, row.UnpricedCalls));
    }

    [Fact]
    public void Statistics_NoCallPriced_CostIsUnknownNotZero()
    {
        var row = Assert.Single(TraceStatistics.ByModelAndDay([Trace("1", null), Trace("2", null), Trace("3", null, "error")]));

        Assert.Equal((null, 2), (row.CostUsd, row.UnpricedCalls));
    }

    [Fact]
    public void Statistics_OnlyFailedCalls_CostNothing()
    {
        var row = Assert.Single(TraceStatistics.ByModelAndDay([Trace("1", null, "error")]));

        Assert.Equal((0.0, 0), (row.CostUsd, row.UnpricedCalls));
    }

    private TraceRecord Trace(string id, double? cost, string status = "ok") => new()
    {
        Id = id,
        StartedAt = _time.GetUtcNow(),
        Model = "m",
        Streaming = false,
        Status = status,
        LatencyMs = 10,
        CostUsd = cost,
    };

    private static async Task<string> CallAsync(TracingChatClient client, bool streaming)
    {
        List<ChatMessage> messages = [new(ChatRole.User, "What is the capital of France?")];
        if (!streaming)
        {
            return (await client.GetResponseAsync(messages)).Text;
        }

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            text += update.Text;
        }

        return text;
    }

    /// <summary>Answers in pieces, advancing fake time by <c>step</c> before each, then optionally fails.</summary>
    private sealed class StepChatClient(FakeTimeProvider time, TimeSpan step, string[] pieces) : IChatClient
    {
        public UsageDetails? Usage { get; init; }

        public AdditionalPropertiesDictionary? Properties { get; init; }

        public Exception? Failure { get; init; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            foreach (var _ in pieces)
            {
                time.Advance(step);
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(pieces))) { Usage = Usage, AdditionalProperties = Properties, FinishReason = ChatFinishReason.Stop });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var piece in pieces)
            {
                time.Advance(step);
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            var last = new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, AdditionalProperties = Properties };
            if (Usage is not null)
            {
                last.Contents.Add(new UsageContent(Usage));
            }

            yield return last;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
