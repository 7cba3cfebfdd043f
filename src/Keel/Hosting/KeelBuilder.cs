using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Returned by <see cref="KeelServiceCollectionExtensions.AddKeel"/> to configure Keel further.</summary>
public sealed class KeelBuilder
{
    internal KeelBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection Keel was added to.</summary>
    public IServiceCollection Services { get; }
}
