using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>The diagnostics of one attempt to fit a value to a schema; branches (anyOf, dropped items) use their own.</summary>
internal sealed class CoercionContext(StructuredPolicy policy, HashSet<JsonNode> incomplete)
{
    public StructuredPolicy Policy { get; } = policy;

    public HashSet<JsonNode> Incomplete { get; } = incomplete;

    public DiagnosticList Repairs { get; } = [];

    public List<StructuredDiagnostic> Errors { get; } = [];

    /// <summary>Gets whether this reads a prefix of a stream: what the prefix has not reached yet (required properties, minItems) is not an error.</summary>
    public bool Streaming { get; init; }

    /// <summary>Gets the nodes that are views over a parsed document, with their values there, when the value was read
    /// as one (and not cut off): <see cref="SchemaCoercer"/> checks such a value in place and builds nodes only along
    /// the paths it changes.</summary>
    public Dictionary<JsonNode, JsonElement>? Elements { get; init; }

    public CoercionContext Branch() => new(Policy, Incomplete) { Streaming = Streaming, Elements = Elements };

    public void Merge(CoercionContext branch)
    {
        Repairs.AddRange(branch.Repairs);
        Errors.AddRange(branch.Errors);
    }

    /// <summary>Takes over a reader's repairs as they are (not written out), with an error for each one the policy denies.</summary>
    public void RepairAll(DiagnosticList repairs)
    {
        Repairs.AddRange(repairs);
        if (Policy.DeniesAny)
        {
            foreach (var (rule, index) in repairs.Rules())
            {
                if (!Policy.IsAllowed(rule))
                {
                    Errors.Add(NotAllowed(repairs[index]));
                }
            }
        }
    }

    public void Repair(StructuredDiagnostic diagnostic)
    {
        Repairs.Add(diagnostic);
        if (!Policy.IsAllowed(diagnostic.Rule))
        {
            Errors.Add(NotAllowed(diagnostic));
        }
    }

    private static StructuredDiagnostic NotAllowed(StructuredDiagnostic diagnostic) =>
        diagnostic with { Rule = StructuredRule.NotAllowed, Message = $"the policy does not allow {diagnostic.Rule}: {diagnostic.Message}" };

    public void Repair(string path, StructuredRule rule, string message, string? before, string? after) =>
        Repair(new StructuredDiagnostic(path, rule, message, before, after));

    public void Error(string path, StructuredRule rule, string message, string? received = null) =>
        Errors.Add(new StructuredDiagnostic(path, rule, message, received, null));
}
