namespace Keel;

/// <summary>Where Keel runs: the working directory that holds <c>keel.yaml</c> and <c>.keel/</c>.</summary>
public sealed class KeelOptions
{
    /// <summary>The directory relative paths, <c>keel.yaml</c> and the store are resolved against.</summary>
    /// <value>The process's current directory.</value>
    public string WorkingDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>An explicit configuration file; it must exist.</summary>
    /// <value>Null: <c>keel.yaml</c> in <see cref="WorkingDirectory"/> when present, otherwise the defaults.</value>
    public string? ConfigPath { get; set; }
}
