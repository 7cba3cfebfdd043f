using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline.Cache;

public sealed class ResponseCacheChatClientTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestChatClient _inner = new() { DefaultModelId = "gpt-test" };
    private int _answers;

    public ResponseCacheChatClientTests() =>
        _inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answered($"Paris, answer {Interlocked.Increment(ref _answers)}."));

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task GetResponse_IdenticalCall_IsServedFromTheCacheAndMarkedHit(bool firstStreaming, bool secondStreaming)
    {
        using var client = Build();

        var first = await CallAsync(client, firstStreaming);
        var second = await CallAsync(client, secondStreaming);

        Assert.Equal(1, _inner.Calls);
        Assert.Equal("Paris, answer 1.", second.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal((10L, 3L), (second.Usage?.InputTokenCount, second.Usage?.OutputTokenCount));
        Assert.Equal("hit", second.AdditionalProperties?[KeelPropertyNames.CacheHit]);
        Assert.False(first.AdditionalProperties?.ContainsKey(KeelPropertyNames.CacheHit) ?? false);
    }

    [Fact]
    public async Task GetStreamingResponse_Hit_MarksAnUpdate()
    {
        using var client = Build();
        await CallAsync(client, streaming: false);

        var updates = await client.GetStreamingResponseAsync(Question).ToListAsync();

        Assert.Contains(updates, u => u.AdditionalProperties?.TryGetValue(KeelPropertyNames.CacheHit, out var hit) == true && (string?)hit == "hit");
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any());
    }

    public static TheoryData<string> Variations => [.. Variants.Keys];

    [Theory]
    [MemberData(nameof(Variations))]
    public async Task GetResponse_OneThingDiffers_IsAMiss(string variation)
    {
        using var client = Build(scope: "primary");
        var (messages, options) = BaseCall();
        await client.GetResponseAsync(messages, options);
        var (otherMessages, otherOptions) = BaseCall();
        var otherClient = Variants[variation](otherMessages, otherOptions, this);

        await (otherClient ?? client).GetResponseAsync(otherMessages, otherOptions);
        await client.GetResponseAsync(BaseCall().Messages, BaseCall().Options);

        Assert.Equal(2, _inner.Calls);
        otherClient?.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_AfterTtl_IsAMissAndTheRowIsDeleted(bool streaming)
    {
        var database = SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db"));
        using var client = Build(new SqliteResponseCacheStore(database), ttl: TimeSpan.FromMinutes(10));

        await CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var beforeExpiry = await CallAsync(client, streaming);
        _time.Advance(TimeSpan.FromTicks(1));
        var rowsAtExpiry = CountRows(database);
        var afterExpiry = await CallAsync(client, streaming);

        Assert.Equal("Paris, answer 1.", beforeExpiry.Text);
        Assert.Equal("Paris, answer 2.", afterExpiry.Text);
        Assert.Equal(2, _inner.Calls);
        Assert.Equal(1, rowsAtExpiry);
        Assert.Equal(1, CountRows(database));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_TenConcurrentIdenticalCalls_MakeOneUpstreamCall(bool streaming)
    {
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inner.GetResponseAsyncCallback = (_, _, _) => gate.Task;
        using var client = Build();

        var calls = Enumerable.Range(0, 10).Select(i => CallAsync(client, streaming ^ (i % 2 == 1))).ToList();
        WaitFor(() => _inner.Calls == 1);
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        gate.SetResult(Answered("Paris."));
        var responses = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(1, _inner.Calls);
        Assert.All(responses, r => Assert.Equal("Paris.", r.Text));
        Assert.Equal(9, responses.Count(r => r.AdditionalProperties?.ContainsKey(KeelPropertyNames.CacheHit) == true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UpstreamFails_EveryWaiterGetsTheErrorAndNothingIsCached(bool streaming)
    {
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inner.GetResponseAsyncCallback = (_, _, _) => gate.Task;
        using var client = Build();

        var calls = Enumerable.Range(0, 3).Select(_ => CallAsync(client, streaming)).ToList();
        WaitFor(() => _inner.Calls == 1);
        gate.SetException(Error(ModelErrorKind.ServerError, 500));
        foreach (var call in calls)
        {
            Assert.Equal(ModelErrorKind.ServerError, (await Assert.ThrowsAsync<ModelCallException>(() => call.WaitAsync(Patience))).Kind);
        }

        _inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answered("Recovered."));
        var after = await CallAsync(client, streaming);

        Assert.Equal(2, _inner.Calls);
        Assert.Equal("Recovered.", after.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_CutStream_IsNotCached()
    {
        _inner.GetStreamingResponseAsyncCallback = (_, _, _) => Chunks(["Par", "is"], StreamInterruption.From(Error(ModelErrorKind.ServerError, 500)));
        using var client = Build();

        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(client, streaming: true));
        _inner.GetStreamingResponseAsyncCallback = null;
        var after = await CallAsync(client, streaming: true);

        Assert.Equal(2, _inner.Calls);
        Assert.Equal("Paris, answer 1.", after.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_EndsWithoutFinishReason_IsNotCached()
    {
        _inner.GetStreamingResponseAsyncCallback = (_, _, _) => Chunks(["Par", "is"]);
        using var client = Build();

        await CallAsync(client, streaming: true);
        var second = await CallAsync(client, streaming: true);

        Assert.Equal(2, _inner.Calls);
        Assert.Null(second.AdditionalProperties?.GetValueOrDefault(KeelPropertyNames.CacheHit));
    }

    [Fact]
    public async Task GetStreamingResponse_FirstCallerStopsReading_WaiterMakesItsOwnCall()
    {
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstream = 0;
        _inner.GetResponseAsyncCallback = (_, _, _) => Interlocked.Increment(ref upstream) == 1 ? gate.Task : Task.FromResult(Answered("Own answer."));
        using var client = Build();
        var leader = client.GetStreamingResponseAsync(Question).GetAsyncEnumerator();
        var moved = leader.MoveNextAsync();
        WaitFor(() => _inner.Calls == 1);
        var waiter = CallAsync(client, streaming: false);

        gate.SetResult(new ChatResponse([new ChatMessage(ChatRole.Assistant, "One."), new ChatMessage(ChatRole.Assistant, "Two.")]));
        Assert.True(await moved);
        await leader.DisposeAsync();
        var response = await waiter.WaitAsync(Patience);

        Assert.Equal("Own answer.", response.Text);
        Assert.Equal(2, _inner.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_OptedOut_GoesUpstreamEachTimeWithoutTheFlag(bool streaming)
    {
        ChatOptions? seen = null;
        _inner.GetResponseAsyncCallback = (_, options, _) =>
        {
            seen = options;
            return Task.FromResult(Answered("Paris."));
        };
        using var client = Build();
        var options = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { [KeelPropertyNames.CacheHit] = false } };

        await CallAsync(client, streaming, options);
        var second = await CallAsync(client, streaming, options);

        Assert.Equal(2, _inner.Calls);
        Assert.False(second.AdditionalProperties?.ContainsKey(KeelPropertyNames.CacheHit) ?? false);
        Assert.False(seen?.AdditionalProperties?.ContainsKey(KeelPropertyNames.CacheHit) ?? false);
        Assert.Equal(0.5f, seen?.Temperature);
    }

    [Fact]
    public async Task GetResponse_Disabled_GoesUpstreamEachTime()
    {
        using var client = new ChatClientBuilder(_inner).UseResponseCacheIn(new ResponseCacheOptions { Enabled = false }, new MemoryResponseCacheStore(), _time).Build();

        await client.GetResponseAsync(Question);
        await client.GetResponseAsync(Question);

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task GetResponse_NewStoreOverTheSameFile_StillHits()
    {
        var path = Path.Combine(_directory.Path, "keel.db");
        using (var client = Build(new SqliteResponseCacheStore(SqliteDatabase.Open(path))))
        {
            await client.GetResponseAsync(Question);
        }

        using var reopened = Build(new SqliteResponseCacheStore(SqliteDatabase.Open(path)));
        var response = await reopened.GetResponseAsync(Question);

        Assert.Equal(1, _inner.Calls);
        Assert.Equal("Paris, answer 1.", response.Text);
        Assert.Equal("hit", response.AdditionalProperties?[KeelPropertyNames.CacheHit]);
    }

    [Fact]
    public async Task SqliteStore_OverMaxEntries_DropsTheOldest()
    {
        var database = SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db"));
        var store = new SqliteResponseCacheStore(database, maxEntries: 2);
        var now = _time.GetUtcNow();

        for (var i = 0; i < 3; i++)
        {
            await store.SetAsync($"k{i}", Answered($"{i}"), now.AddSeconds(i), now.AddHours(1));
        }

        Assert.Null(await store.GetAsync("k0", now));
        Assert.Equal("2", (await store.GetAsync("k2", now))?.Text);
        Assert.Equal(2, CountRows(database));
    }

    [Fact]
    public async Task SqliteStore_Scopes_AreBoundedApart_AndEvictionRunsOncePerHundredthOfTheBound()
    {
        var database = SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db"));
        var calls = new SqliteResponseCacheStore(database, maxEntries: 2);
        var evals = new SqliteResponseCacheStore(database, maxEntries: 500, SqliteResponseCacheStore.EvalScope);
        var now = _time.GetUtcNow();
        await calls.SetAsync("call", Answered("kept"), now, now.AddHours(1));

        for (var i = 0; i < 1000; i++)
        {
            await evals.SetAsync($"e{i}", Answered($"{i}"), now.AddSeconds(i), now.AddHours(1));
        }

        Assert.Equal("kept", (await calls.GetAsync("call", now))?.Text);
        Assert.Null(await evals.GetAsync("e0", now));
        Assert.Equal("999", (await evals.GetAsync("e999", now))?.Text);
        Assert.InRange(CountRows(database) - 1, 500, 505); // swept every 5 writes: at most 1% over between sweeps
    }

    [Fact]
    public async Task SqliteStore_FromBeforeCacheScopes_KeepsModelCallsAndMovesEvalCallsToTheirScope()
    {
        var path = Path.Combine(_directory.Path, "keel.db");
        var now = _time.GetUtcNow();
        await new SqliteResponseCacheStore(SqliteDatabase.Open(path)).SetAsync("old", Answered("kept"), now, now.AddHours(1));
        var evalResponse = Answered("from an eval");
        evalResponse.AdditionalProperties = new() { ["keel.eval.latency_ms"] = "12" };
        await new SqliteResponseCacheStore(SqliteDatabase.Open(path)).SetAsync("old-eval", evalResponse, now, now.AddHours(1));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "ALTER TABLE eval_runs DROP COLUMN unpriced_calls; ALTER TABLE eval_runs DROP COLUMN outcome; DROP INDEX response_cache_scope_created_at; ALTER TABLE response_cache DROP COLUMN scope; PRAGMA user_version = 6;";
            downgrade.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = SqliteDatabase.Open(path);
        var calls = new SqliteResponseCacheStore(database, maxEntries: 1);
        await new SqliteResponseCacheStore(database, maxEntries: 1, SqliteResponseCacheStore.EvalScope).SetAsync("eval", Answered("eval"), now.AddSeconds(1), now.AddHours(1));

        Assert.Equal("kept", (await calls.GetAsync("old", now))?.Text);
        Assert.Null(await calls.GetAsync("old-eval", now)); // an eval row before the upgrade is in the eval scope: its bound of 1 pushed it out
        Assert.Equal(2, CountRows(database));
    }

    [Fact]
    public async Task GetResponse_HitAfterInnerLayersReported_ClearsTheirReportAndCostsNothing()
    {
        _inner.GetResponseAsyncCallback = (_, _, _) =>
        {
            var answer = Answered("Paris.");
            answer.AdditionalProperties = new() { [KeelPropertyNames.Retries] = 2, [KeelPropertyNames.CostUsd] = 0.5m, [KeelPropertyNames.Model] = "backup" };
            return Task.FromResult(answer);
        };
        using var client = Build();

        await client.GetResponseAsync(Question);
        var hit = await client.GetResponseAsync(Question);

        Assert.False(hit.AdditionalProperties!.ContainsKey(KeelPropertyNames.Retries));
        Assert.Equal(0m, hit.AdditionalProperties[KeelPropertyNames.CostUsd]);
        Assert.Equal("backup", hit.AdditionalProperties[KeelPropertyNames.Model]);
    }

    [Fact]
    public void Build_ZeroTtl_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChatClientBuilder(_inner).UseResponseCache(new ResponseCacheOptions { Ttl = TimeSpan.Zero }, _time).Build());

        Assert.Contains("Ttl", error.Message, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, Func<List<ChatMessage>, ChatOptions, ResponseCacheChatClientTests, IChatClient?>> Variants = new()
    {
        ["message text"] = (m, _, _) => Set(() => m[^1] = new ChatMessage(ChatRole.User, "What is the capital of Spain?")),
        ["message role"] = (m, _, _) => Set(() => m[0].Role = ChatRole.User),
        ["extra message"] = (m, _, _) => Set(() => m.Add(new ChatMessage(ChatRole.User, "Briefly."))),
        ["function result"] = (m, _, _) => Set(() => m.Insert(1, new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-1", "21C")]))),
        ["function call"] = (m, _, _) => Set(() => m.Insert(1, new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "weather", new Dictionary<string, object?> { ["city"] = "Lyon" })]))),
        ["data"] = (m, _, _) => Set(() => m[^1].Contents.Add(new DataContent(new byte[] { 1, 2, 3 }, "image/png"))),
        ["temperature"] = (_, o, _) => Set(() => o.Temperature = 0.9f),
        ["top_p"] = (_, o, _) => Set(() => o.TopP = 0.5f),
        ["max_output_tokens"] = (_, o, _) => Set(() => o.MaxOutputTokens = 99),
        ["stop_sequences"] = (_, o, _) => Set(() => o.StopSequences = ["END"]),
        ["response_format"] = (_, o, _) => Set(() => o.ResponseFormat = ChatResponseFormat.Json),
        ["seed"] = (_, o, _) => Set(() => o.Seed = 7),
        ["tool_mode"] = (_, o, _) => Set(() => o.ToolMode = ChatToolMode.RequireAny),
        ["additional_property"] = (_, o, _) => Set(() => o.AdditionalProperties = new() { ["reasoning_effort"] = "high" }),
        ["tool name"] = (_, o, _) => Set(() => o.Tools = [Tool("forecast", "Gets the weather.", CitySchema)]),
        ["tool description"] = (_, o, _) => Set(() => o.Tools = [Tool("weather", "Gets tomorrow's weather.", CitySchema)]),
        ["tool schema"] = (_, o, _) => Set(() => o.Tools = [Tool("weather", "Gets the weather.", """{"type":"object","properties":{"town":{"type":"string"}}}""")]),
        ["model id"] = (_, o, _) => Set(() => o.ModelId = "gpt-other"),
        ["scope"] = (_, _, t) => t.Build(scope: "secondary"),
    };

    private const string CitySchema = """{"type":"object","properties":{"city":{"type":"string"}}}""";

    private static IChatClient? Set(Action change)
    {
        change();
        return null;
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) BaseCall() =>
        ([new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, "What is the capital of France?")],
         new ChatOptions { Temperature = 0.2f, Tools = [Tool("weather", "Gets the weather.", CitySchema)] });

    private static AIFunctionDeclaration Tool(string name, string description, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonDocument.Parse(schema).RootElement);

    private static ChatResponse Answered(string text) => new(new ChatMessage(ChatRole.Assistant, text))
    {
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3, TotalTokenCount = 13 },
    };

    [Fact]
    public async Task Call_StoreFails_AnswersAnywayAsAMiss()
    {
        using var client = Build(new BrokenStore());

        var first = await client.GetResponseAsync("What is the capital of France?");
        var second = await client.GetResponseAsync("What is the capital of France?");

        Assert.StartsWith("Paris", first.Text, StringComparison.Ordinal);
        Assert.StartsWith("Paris", second.Text, StringComparison.Ordinal);
        Assert.Equal(2, _inner.Calls);
    }

    private static long CountRows(SqliteDatabase database)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM response_cache";
        return (long)command.ExecuteScalar()!;
    }

    private IChatClient Build(IResponseCacheStore? store = null, TimeSpan? ttl = null, string? scope = null) =>
        new ChatClientBuilder(_inner)
            .UseResponseCacheIn(new ResponseCacheOptions { Ttl = ttl ?? TimeSpan.FromHours(1), Scope = scope }, store ?? new MemoryResponseCacheStore(), _time)
            .Build();

    /// <summary>A store whose disk is gone: every read and write fails.</summary>
    private sealed class BrokenStore : IResponseCacheStore
    {
        public Task<ChatResponse?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            throw new IOException("disk unavailable");

        public Task SetAsync(string key, ChatResponse response, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
            throw new IOException("disk unavailable");
    }
}
