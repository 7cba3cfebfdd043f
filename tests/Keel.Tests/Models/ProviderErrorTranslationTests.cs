using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Tests.Models;

/// <summary>Real SDK exceptions (OpenAI, Anthropic) from a fake network become Keel's typed errors, keys scrubbed.</summary>
public sealed class ProviderErrorTranslationTests : IDisposable
{
    private const string PlantedKey = "sk-planted-SECRET0123456789abcdef";
    private readonly TempDirectory _directory = new();
    private readonly FakeHttpHandler _network = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _network.Dispose();
        _directory.Dispose();
    }

    private IChatClient Client(string provider)
    {
        var config = KeelConfigLoader.Parse($"models:\n  m:\n    provider: {provider}\n    model: test-model\n    base_url: http://127.0.0.1:9/v1\n", "keel.yaml").Models["m"];
        var factory = new ProviderClientFactory(new ApiKeyResolver(name => name is "OPENAI_API_KEY" or "ANTHROPIC_API_KEY" ? PlantedKey : null, _directory.Path), _time) { Transport = _network };
        return factory.Create("m", config);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Call_RateLimitedWithRetryAfterSeconds_IsRateLimitedWithDelay(string provider)
    {
        _network.Respond = _ => FakeHttpHandler.Json((HttpStatusCode)429, """{"error":{"message":"slow down","type":"rate_limit_error"}}""", ("retry-after", "7"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client(provider).GetResponseAsync("hello"));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal("m", error.Model);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Call_RetryAfterMs_WinsOverSeconds(string provider)
    {
        _network.Respond = _ => FakeHttpHandler.Json((HttpStatusCode)429, """{"error":{"message":"slow down"}}""", ("retry-after-ms", "1500"), ("retry-after", "9"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client(provider).GetResponseAsync("hello"));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task Call_RetryAfterHttpDate_IsMeasuredFromTheInjectedClock()
    {
        _network.Respond = _ => FakeHttpHandler.Json((HttpStatusCode)429, """{"error":{"message":"slow down"}}""", ("retry-after", _time.GetUtcNow().AddSeconds(30).ToString("R")));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client("openai").GetResponseAsync("hello"));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Theory]
    [InlineData("openai", 503, ModelErrorKind.ServerError)]
    [InlineData("anthropic", 529, ModelErrorKind.ServerError)]
    [InlineData("openai", 400, ModelErrorKind.BadRequest)]
    [InlineData("anthropic", 404, ModelErrorKind.BadRequest)]
    public async Task Call_HttpFailure_MapsToKind(string provider, int status, ModelErrorKind kind)
    {
        _network.Respond = _ => FakeHttpHandler.Json((HttpStatusCode)status, """{"error":{"message":"nope","type":"api_error"}}""");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client(provider).GetResponseAsync("hello"));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Call_Unauthorized_MessageNeverContainsThePlantedKey(string provider)
    {
        _network.Respond = _ => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided: " + PlantedKey + "\",\"type\":\"authentication_error\"}}");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client(provider).GetResponseAsync("hello"));

        Assert.Equal(ModelErrorKind.Authentication, error.Kind);
        Assert.DoesNotContain("SECRET0123456789", error.Message, StringComparison.Ordinal);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ThroughTheWholePipeline_PlantedKeyReachesNeitherErrorNorTrace()
    {
        _network.Respond = _ => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided: " + PlantedKey + "\"}}");
        var config = KeelConfigLoader.Parse("models:\n  m:\n    provider: openai\n    model: test-model\n    fallbacks: [n]\n  n:\n    provider: anthropic\n    model: claude\n", "keel.yaml");
        var database = SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db"));
        var traces = new SqliteTraceStore(database);
        using var writer = new TraceWriter(traces);
        using var telemetry = new KeelTelemetry(config.Telemetry);
        var providers = new ProviderClientFactory(new ApiKeyResolver(_ => PlantedKey, _directory.Path), _time) { Transport = _network };
        var catalog = new ModelCatalog(config, providers, () => writer, _time, telemetry);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => catalog.GetChatClient("m").GetResponseAsync("hello"));
        await writer.FlushAsync();
        var trace = Assert.Single(await traces.ListAsync(10));

        Assert.DoesNotContain("SECRET0123456789", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET0123456789", trace.Error, StringComparison.Ordinal);
        Assert.Equal("Authentication", trace.ErrorKind);
    }

    [Fact]
    public async Task Call_ConnectionRefused_IsConnectionFailed()
    {
        _network.Respond = _ => throw new HttpRequestException("Connection refused");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client("openai").GetResponseAsync("hello"));

        Assert.Equal(ModelErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("could not reach the provider; check base_url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingKey_NamesTheVariableNotAValue()
    {
        var config = KeelConfigLoader.Parse("models:\n  m:\n    provider: anthropic\n    model: claude\n", "keel.yaml").Models["m"];
        var factory = new ProviderClientFactory(new ApiKeyResolver(_ => null, _directory.Path), _time);

        var error = Assert.Throws<KeelConfigurationException>(() => factory.Create("m", config));

        Assert.Contains("set the environment variable ANTHROPIC_API_KEY", error.Message, StringComparison.Ordinal);
    }
}
