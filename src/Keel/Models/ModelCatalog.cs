using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The models configured in <c>keel.yaml</c>, each as an <see cref="IChatClient"/> pipeline.</summary>
/// <remarks>Get it from <c>services.AddKeel()</c>. Each model's pipeline is, outermost first:
/// tracing → response cache (when <c>cache:</c> enables it) → fallback (to the models in its <c>fallbacks</c>) →
/// rate limit → retry → timeout → usage and cost → OpenTelemetry (one GenAI span per attempt) → provider. Clients
/// are built on first use and reused; a model whose key is missing fails only when it is asked for, with a message
/// naming the variable to set. A route (<c>routes:</c>) is fetched by name like a model and sends each call to one
/// of its models' full pipelines.</remarks>
public sealed class ModelCatalog
{
    private readonly KeelConfig _config;
    private readonly ProviderClientFactory _providers;
    private readonly Func<TraceWriter> _traces;
    private readonly TimeProvider _timeProvider;
    private readonly KeelTelemetry _telemetry;
    private readonly Func<IResponseCacheStore> _cache;
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IChatClient> _attempts = new(StringComparer.Ordinal);

    internal ModelCatalog(KeelConfig config, ProviderClientFactory providers, Func<TraceWriter> traces, TimeProvider timeProvider, KeelTelemetry telemetry, Func<IResponseCacheStore>? cache = null)
    {
        _telemetry = telemetry; // held so the OTLP exporters live (and flush on dispose) as long as the models
        _cache = cache ?? (() => new MemoryResponseCacheStore());
        _config = config;
        _providers = providers;
        _traces = traces;
        _timeProvider = timeProvider;
    }

    /// <summary>The configured model names, in file order.</summary>
    public IReadOnlyList<string> Names => [.. _config.Models.Keys];

    /// <summary>The configured route names (<c>routes:</c> in keel.yaml), in file order.</summary>
    public IReadOnlyList<string> RouteNames => [.. _config.Routes.Keys];

    /// <summary>The chat client for a configured model or route.</summary>
    /// <param name="name">A name under <c>models:</c> or <c>routes:</c> in keel.yaml.</param>
    /// <returns>The model's pipeline, or a route over its models' full pipelines (so a routed call is traced as the
    /// model that answered); calls fail with <see cref="ModelCallException"/>.</returns>
    /// <exception cref="KeelConfigurationException">No model or route has that name, a fallback names no model, or a key is missing.</exception>
    public IChatClient GetChatClient(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_clients.TryGetValue(name, out var existing))
        {
            return existing;
        }

        if (_config.Routes.TryGetValue(name, out var route))
        {
            return _clients.GetOrAdd(name, RoutingChatClientFactory.Create(route.ToRoutingOptions(name, GetChatClient), _timeProvider));
        }

        var config = GetConfig(name);
        var builder = new ChatClientBuilder(Attempts(name))
            .Use(inner => new TracingChatClient(inner, name, ProviderClientFactory.ProviderName(config.Provider), _traces(), _timeProvider, _config.Telemetry.CaptureContent));
        if (CacheOptions(name, config) is { Enabled: true } cache)
        {
            builder.UseResponseCacheIn(cache, _cache(), _timeProvider);
        }

        if (config.Fallbacks.Count > 0)
        {
            builder.UseFallback(new FallbackOptions { PrimaryName = name, Fallbacks = [.. config.Fallbacks.Select(f => new FallbackModel(f, Attempts(CheckFallback(name, f))))] });
        }

        builder.Use(inner => new StructuredModeChatClient(inner, config.Structured, config.Provider));
        return _clients.GetOrAdd(name, builder.Build());
    }

    /// <summary>The embedding generator for a configured model (OpenAI and OpenAI-compatible providers).</summary>
    /// <param name="name">A name under <c>models:</c> whose <c>model</c> is an embedding model id.</param>
    /// <returns>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> through the provider's official SDK.</returns>
    /// <exception cref="KeelConfigurationException">No model has that name, its provider has no embeddings API
    /// (Anthropic), or its key is missing.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _providers.CreateEmbeddings(name, GetConfig(name));
    }

    private ResponseCacheOptions CacheOptions(string name, ModelConfig config) => new()
    {
        Enabled = config.Cache?.Enabled ?? _config.Cache.Enabled,
        Ttl = config.Cache?.Ttl ?? _config.Cache.Ttl,
        Scope = name,
    };

    internal ModelConfig GetConfig(string name)
    {
        if (_config.Models.TryGetValue(name, out var config))
        {
            return config;
        }

        var known = _config.Models.Count == 0 ? "no models are configured; add a models: section to keel.yaml (see docs/models.md)" : "configured: " + string.Join(", ", _config.Models.Keys);
        if (_config.Routes.Count > 0)
        {
            known += "; routes: " + string.Join(", ", _config.Routes.Keys);
        }

        throw new KeelConfigurationException($"unknown model '{name}'; {known}.");
    }

    /// <summary>One model's own layers, without tracing or fallback: what a fallback tries.</summary>
    private IChatClient Attempts(string name) => _attempts.GetOrAdd(name, key =>
    {
        var config = GetConfig(key);
        var builder = new ChatClientBuilder(_providers.Create(key, config));
        if (config.RateLimit is { } limits)
        {
            builder.UseRateLimiting(limits, _timeProvider);
        }

        builder
            .UseRetry(config.Retry, _timeProvider)
            .Use(inner => new TimeoutChatClient(inner, config.Timeout, _timeProvider, new ConfiguredModel(key, ProviderClientFactory.ProviderName(config.Provider))))
            .UseUsage(new UsageOptions { Prices = _config.Prices.ToPriceTable() })
            .UseOpenTelemetry(sourceName: KeelTelemetry.SourceName, configure: otel => otel.EnableSensitiveData = _config.Telemetry.CaptureContent)
            .Use(inner => new PromptSpanChatClient(inner)); // tags the span just started, so it goes right inside it
        if (LoggerFactory is not null)
        {
            builder.UseLogging(LoggerFactory); // MEAI's logging, when the host registered logging
        }

        return builder.Build();
    });

    /// <summary>The host's logging, when it registered any (MEAI logs message text only at Trace level).</summary>
    internal Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    private string CheckFallback(string model, string fallback)
    {
        if (fallback == model || !_config.Models.ContainsKey(fallback))
        {
            throw new KeelConfigurationException($"models.{model}.fallbacks: '{fallback}' is {(fallback == model ? "the model itself" : "not a configured model")}; fallbacks name other entries under models: ({string.Join(", ", _config.Models.Keys)}).");
        }

        return fallback;
    }
}
