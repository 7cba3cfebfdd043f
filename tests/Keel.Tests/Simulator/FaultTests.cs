using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Keel.Tests.Simulator;

public sealed class FaultTests
{
    [Theory]
    [InlineData("retry_after: 7", "retry-after")]
    [InlineData("retry_after: 2, retry_after_date: true", "retry-after")]
    [InlineData("retry_after_ms: 1500", "retry-after-ms")]
    public async Task RateLimit_OpenAI_429WithRetryHeaderVisibleToSdk(string parameters, string header)
    {
        await using var server = await SimClients.StartAsync($$"""
            rules:
              - fault: { kind: rate_limit, {{parameters}} }
            """);
        var client = SimClients.OpenAIChat(server);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, ex.Status);
        Assert.True(ex.GetRawResponse()!.Headers.TryGetValue(header, out var value));
        if (parameters.Contains("date", StringComparison.Ordinal))
        {
            var at = DateTimeOffset.ParseExact(value!, "R", CultureInfo.InvariantCulture);
            Assert.InRange((at - TimeProvider.System.GetUtcNow()).TotalSeconds, -1, 3);
        }
        else
        {
            Assert.Equal(parameters.Contains("_ms", StringComparison.Ordinal) ? "1500" : "7", value);
        }

        Assert.Contains("rate_limit_exceeded", ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Stats.FaultsInjected);
    }

    [Fact]
    public async Task RateLimit_Anthropic_RateLimitExceptionAndRetryAfterSeen()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: rate_limit, retry_after: 3 }
            """);
        using var capture = new HeaderCapture();
        using var client = SimClients.Anthropic(server, capture);

        var ex = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(AnthropicProtocolTests.Params("hi")));

        Assert.Equal(429, (int)ex.StatusCode);
        Assert.Equal("3", Assert.Single(capture.LastHeaders!.GetValues("retry-after")));
        Assert.Contains("rate_limit_error", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_AnthropicSdkRetries_SucceedsAfterRetryAfterMs()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: rate_limit, retry_after_ms: 200 }
                times: 1
            """);
        using var client = SimClients.Anthropic(server, maxRetries: 1);
        var clock = Stopwatch.StartNew();

        var message = await client.Messages.Create(AnthropicProtocolTests.Params("hi"));

        Assert.True(message.Content[0].TryPickText(out _));
        Assert.Equal(2, server.Stats.Count("POST /v1/messages"));
        Assert.True(clock.ElapsedMilliseconds >= 190, $"the SDK waited {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Times_FailsTwiceThenFallsThrough_ThirdCallSucceeds()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: server_error, status: 503 }
                times: 2
              - reply: recovered
            """);
        var client = SimClients.OpenAIChat(server);

        var first = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));
        var second = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));
        ChatCompletion third = await client.CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(503, first.Status);
        Assert.Equal(503, second.Status);
        Assert.Equal("recovered", third.Content[0].Text);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(529)]
    public async Task ServerError_OpenAI_StatusAndErrorBody(int status)
    {
        await using var server = await SimClients.StartAsync($"rules:\n  - fault: {{ kind: server_error, status: {status} }}\n");
        var client = SimClients.OpenAIChat(server);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(status, ex.Status);
        Assert.Contains("\"type\":\"server_error\"", ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(529, "overloaded_error")]
    [InlineData(500, "api_error")]
    public async Task ServerError_Anthropic_ApiExceptionWithErrorType(int status, string type)
    {
        await using var server = await SimClients.StartAsync($"rules:\n  - fault: {{ kind: server_error, status: {status} }}\n");
        using var client = SimClients.Anthropic(server);

        var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(AnthropicProtocolTests.Params("hi")));

        Assert.Equal(status, (int)ex.StatusCode);
        Assert.Contains($"\"type\":\"{type}\"", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MeaiTests.ProvidersAndModes), MemberType = typeof(MeaiTests))]
    public async Task MalformedJson_AnyProviderAndMode_SdkThrows(string provider, bool streaming)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: malformed_json }
            """);
        using var client = MeaiTests.Create(server, provider);

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            if (streaming)
            {
                await foreach (var update in client.GetStreamingResponseAsync("hi"))
                {
                    _ = update;
                }
            }
            else
            {
                await client.GetResponseAsync("hi");
            }
        });

        Assert.IsNotAssignableFrom<OperationCanceledException>(ex);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task DropMidStream_Streaming_EnumerationThrowsAfterFirstText(string provider)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - reply: "one two three four five six"
                fault: { kind: drop_mid_stream, after_chunks: 4 }
            """);
        using var client = MeaiTests.Create(server, provider);
        var received = new StringBuilder();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("count"))
            {
                received.Append(update.Text);
            }
        });

        Assert.NotEqual(0, received.Length);
        Assert.NotEqual("one two three four five six", received.ToString());
    }

    [Fact]
    public async Task DropMidStream_NonStreaming_SdkThrows()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: drop_mid_stream }
            """);
        var client = SimClients.OpenAIChat(server);

        await Assert.ThrowsAnyAsync<Exception>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));
    }

    [Fact]
    public async Task DropMidStream_AfterMoreChunksThanTheStreamHas_NeverEndsCleanly()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - reply: short
                fault: { kind: drop_mid_stream, after_chunks: 1000 }
            """);
        var client = SimClients.OpenAIChat(server);
        var received = new StringBuilder();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
            {
                received.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            }
        });

        Assert.Equal("short", received.ToString());
    }

    [Fact]
    public async Task SlowFirstToken_Streaming_FirstTextArrivesAfterDelay()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: slow_first_token, delay_ms: 300 }
            """);
        var client = SimClients.OpenAIChat(server);
        var clock = Stopwatch.StartNew();
        long? firstToken = null;
        var text = new StringBuilder();

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            firstToken ??= clock.ElapsedMilliseconds;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.InRange(firstToken!.Value, 280, 900);
        Assert.Equal("Simulated reply from gpt-4o-mini to: hi", text.ToString());
    }

    [Fact]
    public async Task DelayMs_Rule_AnswerComesAfterDelay()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - reply: late
                delay_ms: 150
            """);
        using var client = SimClients.Anthropic(server);
        var clock = Stopwatch.StartNew();

        await client.Messages.Create(AnthropicProtocolTests.Params("hi"));

        Assert.True(clock.ElapsedMilliseconds >= 140, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Length_Fault_TruncatedTextWithLengthFinish()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - reply: "alpha beta gamma delta epsilon zeta eta theta"
                fault: { kind: length }
            """);
        var client = SimClients.OpenAIChat(server);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, completion.FinishReason);
        Assert.StartsWith("alpha", completion.Content[0].Text, StringComparison.Ordinal);
        Assert.True(completion.Content[0].Text.Length < "alpha beta gamma delta epsilon zeta eta theta".Length);
    }

    [Fact]
    public async Task Hang_OpenAIClientTimeout_SdkGivesUp()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: hang }
            """);
        var client = SimClients.OpenAIChat(server, timeout: TimeSpan.FromMilliseconds(250));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.InRange(clock.ElapsedMilliseconds, 200, 2000);
    }

    [Fact]
    public async Task Hang_AnthropicClientTimeout_SdkGivesUp()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: hang }
            """);
        using var client = SimClients.Anthropic(server, timeout: TimeSpan.FromMilliseconds(250));

        await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(AnthropicProtocolTests.Params("hi")));
    }

    [Fact]
    public async Task Hang_ServerDisposed_RequestEndsAndDisposeIsQuick()
    {
        var server = await SimClients.StartAsync("""
            rules:
              - fault: { kind: hang }
            """);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var pending = http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "hi" } } });
        while (server.Stats.TotalRequests == 0)
        {
            await Task.Delay(10);
        }

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"dispose took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task FaultRate_SameSeed_SameFaultSequence()
    {
        const string Script = """
            fault_rate: { rate: 0.5, kinds: [rate_limit, server_error], seed: 42 }
            """;

        var first = await StatusSequenceAsync(Script);
        var second = await StatusSequenceAsync(Script);
        var otherSeed = await StatusSequenceAsync(Script.Replace("42", "7", StringComparison.Ordinal));

        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(first, s => s is 429 or 500);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task FaultRate_OptionOverridesScript_AllRequestsFail()
    {
        await using var server = await SimClients.StartAsync(faultRate: 1.0, seed: 3);
        var client = SimClients.OpenAIChat(server);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
                {
                    _ = update;
                }
            });
        }

        Assert.Equal(3, server.Stats.FaultsInjected);
    }

    private static async Task<List<int>> StatusSequenceAsync(string script)
    {
        await using var server = await SimClients.StartAsync(script);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var statuses = new List<int>();
        for (var i = 0; i < 16; i++)
        {
            using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "hi" } } });
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
