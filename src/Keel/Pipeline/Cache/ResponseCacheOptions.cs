namespace Keel;

/// <summary>How the response cache layer (<see cref="ResponseCacheChatClientBuilderExtensions.UseResponseCache"/>) keeps answers.</summary>
/// <remarks>Validated when the pipeline is built. A call is a hit only when its model, its output-affecting
/// <see cref="Microsoft.Extensions.AI.ChatOptions"/> (including tools) and every message are identical to a cached call's.</remarks>
public sealed record ResponseCacheOptions
{
    /// <summary>Whether the layer caches at all; when off, every call goes through untouched.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; init; } = true;

    /// <summary>How long a cached answer is served; after that it is a miss and the row is deleted.</summary>
    /// <value>Default 1 hour. Between 1 millisecond and 365 days.</value>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A name that keeps this pipeline's entries apart from others sharing the store; part of every key.</summary>
    /// <value>Default <see langword="null"/>. Keel sets it to the model's name in keel.yaml.</value>
    public string? Scope { get; init; }

    internal void Validate()
    {
        if (Ttl < TimeSpan.FromMilliseconds(1) || Ttl > TimeSpan.FromDays(365))
        {
            throw new ArgumentException($"ResponseCacheOptions.Ttl must be between 1ms and 365 days; it is {Ttl}.", nameof(Ttl));
        }
    }
}
