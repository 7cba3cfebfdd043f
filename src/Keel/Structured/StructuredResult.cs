using System.Text.Json.Nodes;

namespace Keel;

/// <summary>The outcome of a structured parse: the schema-valid value and the repairs made, or the errors.</summary>
public sealed class StructuredResult
{
    internal StructuredResult(JsonNode? value, IReadOnlyList<StructuredDiagnostic> repairs, IReadOnlyList<StructuredDiagnostic> errors)
    {
        Value = errors.Count == 0 ? value : null;
        Repairs = repairs;
        Errors = errors;
    }

    /// <summary>Gets a value indicating whether the text held a schema-valid value.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Gets the schema-valid value; null when the parse failed (or when the schema allows a null value and that was sent).</summary>
    public JsonNode? Value { get; }

    /// <summary>Gets every repair and coercion made, in order; on failure, those of the candidate closest to the schema.</summary>
    public IReadOnlyList<StructuredDiagnostic> Repairs { get; }

    /// <summary>Gets why the parse failed; empty on success.</summary>
    public IReadOnlyList<StructuredDiagnostic> Errors { get; }
}
