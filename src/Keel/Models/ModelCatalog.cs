using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The models configured in <c>keel.yaml</c>, each as an <see cref="IChatClient"/> pipeline.</summary>
/// <remarks>Get it from <c>services.AddKeel()</c>. Clients are built on first use and reused; a model whose key is
/// missing fails only when it is asked for, with a message naming the variable to set.</remarks>
public sealed class ModelCatalog
{
    private readonly IReadOnlyDictionary<string, ModelConfig> _models;
    private readonly ProviderClientFactory _providers;
    private readonly Func<TraceWriter> _traces;
    private readonly TelemetryConfig _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    internal ModelCatalog(IReadOnlyDictionary<string, ModelConfig> models, ProviderClientFactory providers, Func<TraceWriter> traces, TelemetryConfig telemetry, TimeProvider timeProvider)
    {
        _models = models;
        _providers = providers;
        _traces = traces;
        _telemetry = telemetry;
        _timeProvider = timeProvider;
    }

    /// <summary>The configured model names, in file order.</summary>
    public IReadOnlyList<string> Names => [.. _models.Keys];

    /// <summary>The chat client for a configured model.</summary>
    /// <param name="name">A name under <c>models:</c> in keel.yaml.</param>
    /// <returns>The model's pipeline; calls fail with <see cref="ModelCallException"/>.</returns>
    /// <exception cref="KeelConfigurationException">No model has that name, or its API key is missing.</exception>
    public IChatClient GetChatClient(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_clients.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var config = GetConfig(name);
        return _clients.GetOrAdd(name, Build(name, config));
    }

    /// <summary>The pipeline of one model, outermost first: tracing → provider (with typed errors).</summary>
    private IChatClient Build(string name, ModelConfig config) =>
        new ChatClientBuilder(_providers.Create(name, config))
            .Use(inner => new TracingChatClient(inner, name, ProviderClientFactory.ProviderName(config.Provider), _traces(), _timeProvider, _telemetry.CaptureContent))
            .Build();

    internal ModelConfig GetConfig(string name)
    {
        if (_models.TryGetValue(name, out var config))
        {
            return config;
        }

        var known = _models.Count == 0 ? "no models are configured; add a models: section to keel.yaml (see docs/models.md)" : "configured: " + string.Join(", ", _models.Keys);
        throw new KeelConfigurationException($"unknown model '{name}'; {known}.");
    }
}
