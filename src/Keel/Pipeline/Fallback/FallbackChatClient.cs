using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Tries the wrapped model, then each of <see cref="FallbackOptions.Fallbacks"/>, until one answers.</summary>
internal sealed class FallbackChatClient : DelegatingChatClient
{
    private readonly FallbackOptions _options;
    private readonly FallbackModel[] _models;

    public FallbackChatClient(IChatClient innerClient, FallbackOptions options)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var primaryName = options.PrimaryName ?? innerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? "primary";
        _models = [new FallbackModel(primaryName, innerClient), .. options.Fallbacks];
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var failures = new List<(string Name, ModelCallException Error)>();
        for (var i = 0; i < _models.Length; i++)
        {
            try
            {
                var response = await _models[i].Client.GetResponseAsync(messages, OptionsFor(i, options), cancellationToken);
                RecordRoute(response.AdditionalProperties ??= [], _models[i].Name, failures);
                return response;
            }
            catch (ModelCallException ex) when (ShouldFallBack(ex, cancellationToken))
            {
                failures.Add((_models[i].Name, ex));
            }
            catch (ModelCallException ex)
            {
                ex.Fallbacks = Names(failures);
                throw;
            }
        }

        throw AllFailed(failures);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var failures = new List<(string Name, ModelCallException Error)>();
        var (stream, hasFirst, name) = await OpenFirstAvailableAsync(messages, options, failures, cancellationToken);

        await using (stream)
        {
            await foreach (var update in StreamInterruption.RestAsync(stream, hasFirst, cut => cut.Fallbacks = Names(failures), cancellationToken))
            {
                yield return update;
            }
        }

        var route = new AdditionalPropertiesDictionary();
        RecordRoute(route, name, failures);
        yield return new ChatResponseUpdate { AdditionalProperties = route };
    }

    private async Task<(IAsyncEnumerator<ChatResponseUpdate> Stream, bool HasFirst, string Name)> OpenFirstAvailableAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, List<(string Name, ModelCallException Error)> failures, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _models.Length; i++)
        {
            var stream = _models[i].Client.GetStreamingResponseAsync(messages, OptionsFor(i, options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                var hasFirst = await stream.MoveNextAsync();
                return (stream, hasFirst, _models[i].Name);
            }
            catch (ModelCallException ex) when (ShouldFallBack(ex, cancellationToken))
            {
                await stream.DisposeAsync();
                failures.Add((_models[i].Name, ex));
            }
            catch (ModelCallException ex)
            {
                await stream.DisposeAsync();
                ex.Fallbacks = Names(failures);
                throw;
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        }

        throw AllFailed(failures);
    }

    // A model id in the options names the first model; the others answer with their own default model.
    private static ChatOptions? OptionsFor(int index, ChatOptions? options)
    {
        if (index == 0 || options?.ModelId is null)
        {
            return options;
        }

        var clone = options.Clone();
        clone.ModelId = null;
        return clone;
    }

    private bool ShouldFallBack(ModelCallException error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (error.IsTransient || (_options.FallBackOnNonTransient && error.Kind != ModelErrorKind.StreamInterrupted));

    private static void RecordRoute(AdditionalPropertiesDictionary properties, string answeredBy, List<(string Name, ModelCallException Error)> failures)
    {
        properties[KeelPropertyNames.Model] = answeredBy;
        properties[KeelPropertyNames.Fallbacks] = Names(failures);
    }

    private static string[] Names(List<(string Name, ModelCallException Error)> failures) => [.. failures.Select(f => f.Name)];

    private static ModelCallException AllFailed(List<(string Name, ModelCallException Error)> failures)
    {
        var last = failures[^1].Error;
        var details = string.Join("; ", failures.Select(f =>
            $"'{f.Name}': {f.Error.Kind}{(f.Error.StatusCode is { } status ? $" ({status})" : "")}: {f.Error.Message}"));
        return new ModelCallException(last.Kind, $"All {failures.Count} models failed. {details}", last)
        {
            StatusCode = last.StatusCode,
            RetryAfter = last.RetryAfter,
            Model = last.Model ?? failures[^1].Name,

            // As when a model answers: the retries of the last model tried, and the models that failed before it.
            Retries = last.Retries,
            Fallbacks = Names(failures[..^1]),
        };
    }
}
