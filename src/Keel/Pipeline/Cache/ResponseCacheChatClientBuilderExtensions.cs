using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Adds the exact response cache layer to a chat pipeline.</summary>
public static class ResponseCacheChatClientBuilderExtensions
{
    /// <summary>Serves a call identical to an earlier successful one from the cache, and makes identical calls in flight at
    /// the same time share one model call.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">How long answers are kept and whether the layer is on.</param>
    /// <param name="timeProvider">The clock expiry is measured with; by default the one registered in the services, else the system clock.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Identical means the same model, the same output-affecting options (temperature, top_p, max output tokens,
    /// stop sequences, response format, tools with their schemas, tool mode, seed, additional properties) and the same
    /// messages, content for content. Answers are kept in Keel's SQLite store when the pipeline is built from a service
    /// provider set up by <c>AddKeel()</c>, otherwise in memory. A hit carries <see cref="KeelPropertyNames.CacheHit"/> =
    /// <c>"hit"</c> (when streaming, on an update). Set <see cref="KeelPropertyNames.CacheHit"/> to <see langword="false"/>
    /// in <c>ChatOptions.AdditionalProperties</c> to keep one call out of the cache. Failures are never stored, nor a
    /// stream that ended without a finish reason. The options are validated when the pipeline is built.</remarks>
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, ResponseCacheOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.Use((inner, services) => new ResponseCacheChatClient(
            inner,
            options,
            services.GetService<IResponseCacheStore>() ?? new MemoryResponseCacheStore(),
            timeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    internal static ChatClientBuilder UseResponseCacheIn(this ChatClientBuilder builder, ResponseCacheOptions options, IResponseCacheStore store, TimeProvider timeProvider) =>
        builder.Use(inner => new ResponseCacheChatClient(inner, options, store, timeProvider));
}
