using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>Where Keel keeps its index, cache and traces.</summary>
internal sealed record StoreConfig
{
    /// <summary>The SQLite file, relative to the working directory.</summary>
    [Required]
    public string Path { get; init; } = ".keel/keel.db";
}
