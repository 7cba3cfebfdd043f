namespace Keel;

/// <summary>How long the timeout layer (<see cref="TimeoutChatClientBuilderExtensions.UseTimeout"/>) lets a model call take.</summary>
/// <remarks>Each limit is separate and <see langword="null"/> turns it off. An expired limit surfaces as a
/// <see cref="ModelCallException"/> of kind <see cref="ModelErrorKind.Timeout"/> naming the limit; the caller's own
/// cancellation surfaces as <see cref="OperationCanceledException"/>. Validated when the pipeline is built.</remarks>
public sealed record TimeoutOptions
{
    /// <summary>The longest a whole call may take, from the request to the last streamed update.</summary>
    /// <value>Default 120 seconds.</value>
    public TimeSpan? Total { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest a streamed call may wait for its first update. Applies to streaming calls only (a
    /// non-streaming call's first token is its whole answer, covered by <see cref="Total"/>).</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan? FirstToken { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a streamed call may wait between two updates. Time the caller spends handling an update is not counted.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan? Idle { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        Check(Total, nameof(Total));
        Check(FirstToken, nameof(FirstToken));
        Check(Idle, nameof(Idle));
    }

    private static void Check(TimeSpan? value, string name)
    {
        if (value is { } span && (span <= TimeSpan.Zero || span.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentException($"TimeoutOptions.{name} must be positive and under 24 days, or null to turn it off; it is {span}.", name);
        }
    }
}
