namespace Keel;

/// <summary>One repair, coercion or error of a structured parse.</summary>
/// <param name="Path">Where, as a JSON path (<c>$.action_items[1].owner</c>).</param>
/// <param name="Rule">Which rule applied, or which kind of error.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Before">The text or value before, when there is one.</param>
/// <param name="After">The value after, when there is one.</param>
public sealed record StructuredDiagnostic(string Path, StructuredRule Rule, string Message, string? Before = null, string? After = null)
{
    /// <summary>Renders the diagnostic as one line: path, rule, message and before → after.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        Before is null && After is null ? $"{Path}: {Rule}: {Message}" : $"{Path}: {Rule}: {Message} ({Before ?? "∅"} → {After ?? "∅"})";
}
