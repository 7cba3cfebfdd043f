using System.Text.Json.Nodes;

namespace Keel;

/// <summary>The diagnostics of one attempt to fit a value to a schema; branches (anyOf, dropped items) use their own.</summary>
internal sealed class CoercionContext(StructuredPolicy policy, HashSet<JsonNode> incomplete)
{
    public StructuredPolicy Policy { get; } = policy;

    public HashSet<JsonNode> Incomplete { get; } = incomplete;

    public List<StructuredDiagnostic> Repairs { get; } = [];

    public List<StructuredDiagnostic> Errors { get; } = [];

    /// <summary>Gets whether this reads a prefix of a stream: what the prefix has not reached yet (required properties, minItems) is not an error.</summary>
    public bool Streaming { get; init; }

    public CoercionContext Branch() => new(Policy, Incomplete) { Streaming = Streaming };

    public void Merge(CoercionContext branch)
    {
        Repairs.AddRange(branch.Repairs);
        Errors.AddRange(branch.Errors);
    }

    public void Repair(StructuredDiagnostic diagnostic)
    {
        Repairs.Add(diagnostic);
        if (!Policy.IsAllowed(diagnostic.Rule))
        {
            Errors.Add(diagnostic with { Rule = StructuredRule.NotAllowed, Message = $"the policy does not allow {diagnostic.Rule}: {diagnostic.Message}" });
        }
    }

    public void Repair(string path, StructuredRule rule, string message, string? before, string? after) =>
        Repair(new StructuredDiagnostic(path, rule, message, before, after));

    public void Error(string path, StructuredRule rule, string message, string? received = null) =>
        Errors.Add(new StructuredDiagnostic(path, rule, message, received, null));
}
