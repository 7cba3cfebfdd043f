using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>The <c>ask</c> target: documents to index and how many passages to draw from.</summary>
internal sealed record EvalAskConfig
{
    /// <summary>Files or folders ingested before the run, relative to the suite file.</summary>
    public IReadOnlyList<string> Docs { get; init; } = [];

    [Range(1, 100)]
    public int? TopK { get; init; }
}
