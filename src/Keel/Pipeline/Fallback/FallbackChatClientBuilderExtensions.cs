using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Adds the fallback layer to a chat pipeline.</summary>
public static class FallbackChatClientBuilderExtensions
{
    /// <summary>Switches to the next model in <see cref="FallbackOptions.Fallbacks"/> when a model fails with a transient error.</summary>
    /// <param name="builder">The pipeline builder; what it wraps is the first model tried.</param>
    /// <param name="options">The models to fall back on.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Responses carry the model that answered under <see cref="KeelPropertyNames.Model"/> and the ones that failed
    /// under <see cref="KeelPropertyNames.Fallbacks"/>. When every model fails, the last error is thrown with a message
    /// listing each model's error. The options are validated when the pipeline is built.</remarks>
    public static ChatClientBuilder UseFallback(this ChatClientBuilder builder, FallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.Use(inner => new FallbackChatClient(inner, options));
    }
}
