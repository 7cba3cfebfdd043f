using Microsoft.Extensions.DependencyInjection;

namespace Keel.Tests;

/// <summary>A working directory with Keel wired up over it, as a user's project would have.</summary>
internal sealed class KeelFixture : IDisposable
{
    private readonly TempDirectory? _owned;
    private readonly Action<IServiceCollection>? _configure;
    private ServiceProvider _services;

    /// <summary>Keel over a new temporary directory, deleted on dispose.</summary>
    /// <param name="configure">Registers replacements before Keel's own services (which only fill what is missing).</param>
    public KeelFixture(Action<IServiceCollection>? configure = null)
        : this(new TempDirectory(), owns: true, configure)
    {
    }

    private KeelFixture(TempDirectory directory, bool owns, Action<IServiceCollection>? configure = null)
    {
        Directory = directory;
        _owned = owns ? directory : null;
        _configure = configure;
        _services = Build();
    }

    public TempDirectory Directory { get; }

    public DocumentIndex Index => _services.GetRequiredService<DocumentIndex>();

    public GroundedAnswerer Answerer => _services.GetRequiredService<GroundedAnswerer>();

    public IIndexStore Store => _services.GetRequiredService<IIndexStore>();

    /// <summary>Keel over a directory someone else owns, the way a new process would open it.</summary>
    public static KeelFixture Open(TempDirectory directory) => new(directory, owns: false);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Starts over with new services on the same directory, as a new process would (re-reads keel.yaml).</summary>
    public void Reload()
    {
        _services.Dispose();
        _services = Build();
    }

    public void Dispose()
    {
        _services.Dispose();
        _owned?.Dispose();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        _configure?.Invoke(services);
        services.AddKeel(options => options.WorkingDirectory = Directory.Path);
        return services.BuildServiceProvider();
    }
}
