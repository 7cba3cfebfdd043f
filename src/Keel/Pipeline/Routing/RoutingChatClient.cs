using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A route: sends each call to the target its strategy picks, and records the decision.</summary>
internal sealed class RoutingChatClient : IChatClient
{
    private readonly RouteTarget[] _targets;
    private readonly IRouteSelector _selector;
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata;

    public RoutingChatClient(RoutingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        Name = options.Name;
        _targets = [.. options.Targets];
        _timeProvider = timeProvider;
        _metadata = new ChatClientMetadata("keel-route", defaultModelId: options.Name);
        _selector = options.Strategy switch
        {
            RoutingStrategy.Cascade => new CascadeSelector(options),
            RoutingStrategy.Weighted => new WeightedSelector(options),
            RoutingStrategy.LowestLatency => new LowestLatencySelector(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Strategy, "Unknown routing strategy."),
        };
    }

    public string Name { get; }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var index = _selector.Select(messages, options);
        var started = _timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await _targets[index].Client.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _selector.Report(index, _timeProvider.GetElapsedTime(started), failed: true);
            throw;
        }

        _selector.Report(index, _timeProvider.GetElapsedTime(started), failed: false);
        Record(response.AdditionalProperties ??= [], index, answeredBy: null);
        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = _selector.Select(messages, options);
        var started = _timeProvider.GetTimestamp();
        string? answeredBy = null;
        var stream = _targets[index].Client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (stream)
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await stream.MoveNextAsync();
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    _selector.Report(index, _timeProvider.GetElapsedTime(started), failed: true);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                // A fallback inside the target's pipeline reports which of its models answered; that name wins.
                if (stream.Current.AdditionalProperties?.TryGetValue(KeelPropertyNames.Model, out var model) == true && model is string name)
                {
                    answeredBy = name;
                }

                yield return stream.Current;
            }
        }

        _selector.Report(index, _timeProvider.GetElapsedTime(started), failed: false);
        var decision = new AdditionalPropertiesDictionary();
        Record(decision, index, answeredBy);
        yield return new ChatResponseUpdate { AdditionalProperties = decision };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The targets belong to whoever built them (the model catalog shares them between routes and direct calls).
    }

    private void Record(AdditionalPropertiesDictionary properties, int index, string? answeredBy)
    {
        properties[KeelPropertyNames.Route] = Name;
        if (answeredBy is not null)
        {
            properties[KeelPropertyNames.Model] = answeredBy;
        }
        else
        {
            properties.TryAdd(KeelPropertyNames.Model, _targets[index].Name);
        }
    }
}
