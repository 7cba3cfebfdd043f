using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Enforces <see cref="TimeoutOptions"/> with cancellation timers from the injected clock.</summary>
internal sealed class TimeoutChatClient : DelegatingChatClient
{
    private readonly TimeoutOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConfiguredModel? _configured;

    /// <param name="innerClient">The layer inside.</param>
    /// <param name="options">The limits.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="configured">The keel.yaml model this pipeline is for, so errors name it and its settings.</param>
    public TimeoutChatClient(IChatClient innerClient, TimeoutOptions options, TimeProvider timeProvider, ConfiguredModel? configured = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _configured = configured;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_options.Total is not { } total)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        using var totalTimer = new CancellationTokenSource(total, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, totalTimer.Token);
        try
        {
            // WaitAsync: the limit holds even if a provider ignores the token.
            return await base.GetResponseAsync(messages, options, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && totalTimer.IsCancellationRequested)
        {
            throw Expired(nameof(TimeoutOptions.Total), "to complete", total, options, ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var totalTimer = new CancellationTokenSource(_options.Total ?? Timeout.InfiniteTimeSpan, _timeProvider);
        using var phaseTimer = new CancellationTokenSource(_options.FirstToken ?? Timeout.InfiniteTimeSpan, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, totalTimer.Token, phaseTimer.Token);
        var waitingForFirst = true;

        await using var stream = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested
                && (totalTimer.IsCancellationRequested || phaseTimer.IsCancellationRequested))
            {
                throw totalTimer.IsCancellationRequested
                    ? Expired(nameof(TimeoutOptions.Total), "to complete", _options.Total!.Value, options, ex)
                    : waitingForFirst
                        ? Expired(nameof(TimeoutOptions.FirstToken), "to send its first token", _options.FirstToken!.Value, options, ex)
                        : Expired(nameof(TimeoutOptions.Idle), "to send its next chunk", _options.Idle!.Value, options, ex);
            }

            // The idle clock measures the provider, not the caller: it is stopped while the caller handles the update.
            phaseTimer.CancelAfter(Timeout.InfiniteTimeSpan);
            yield return stream.Current;
            waitingForFirst = false;
            phaseTimer.CancelAfter(_options.Idle ?? Timeout.InfiniteTimeSpan);
        }
    }

    private ModelCallException Expired(string limit, string what, TimeSpan after, ChatOptions? options, Exception inner)
    {
        var yamlKey = YamlBinder.ToSnakeCase(limit); // keel.yaml binds TimeoutOptions by these names
        var seconds = after.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        if (_configured is { } configured)
        {
            // Named as every other error of a configured model is, with the keel.yaml key a CLI user edits first.
            return new ModelCallException(
                ModelErrorKind.Timeout,
                $"{configured.Name} ({configured.Provider}): the provider took longer than {seconds} s {what} (timeout.{yamlKey}). "
                + $"Raise models.{configured.Name}.timeout.{yamlKey} in keel.yaml (TimeoutOptions.{limit} in code), or set it to ~ (null) to turn it off.",
                inner)
            {
                Model = configured.Name,
            };
        }

        var model = ChatClientModel.Resolve(InnerClient, options);
        var modelText = model is null ? "The model" : $"Model '{model}'";
        return new ModelCallException(
            ModelErrorKind.Timeout,
            $"{modelText} took longer than {seconds} s {what} (TimeoutOptions.{limit}). "
            + $"Raise TimeoutOptions.{limit} (timeout.{yamlKey} in keel.yaml), or set it to null (~) to turn it off.",
            inner)
        {
            Model = model,
        };
    }
}
