namespace Keel;

/// <summary>How the usage and cost layer (<see cref="UsageChatClientBuilderExtensions.UseUsage"/>) prices calls.</summary>
/// <remarks>Validated when the pipeline is built.</remarks>
public sealed record UsageOptions
{
    /// <summary>The prices to compute costs with.</summary>
    /// <value>Default <see langword="null"/>: usage is still recorded (and estimated when missing), every cost is <see langword="null"/>.</value>
    public PriceTable? Prices { get; init; }

    internal void Validate() => Prices?.Validate();
}
