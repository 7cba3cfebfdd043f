using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Adds the usage and cost layer to a chat pipeline.</summary>
public static class UsageChatClientBuilderExtensions
{
    /// <summary>Makes sure every response carries token usage and prices it.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The price table; <see langword="null"/> for usage without costs.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Each response carries <see cref="KeelPropertyNames.CostUsd"/>, <see cref="KeelPropertyNames.UsageEstimated"/> and,
    /// when priced, <see cref="KeelPropertyNames.PriceTableVersion"/>; a streamed response carries them on a trailing update.
    /// When the provider reports no usage, it is estimated at four characters per token and marked as estimated.
    /// The options are validated when the pipeline is built.</remarks>
    public static ChatClientBuilder UseUsage(this ChatClientBuilder builder, UsageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new UsageChatClient(inner, options ?? new UsageOptions()));
    }
}
