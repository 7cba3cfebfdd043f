using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><c>tool-call-valid</c>: every tool call names a tool the target declared, with arguments valid against
/// that tool's parameter schema; with <c>value: required</c> the response must also make at least one call.</summary>
internal sealed class ToolCallValidityAssertion(string name, bool required) : IEvalAssertion
{
    // By declaration, not by tool name: a suite's assertion is shared by its targets, and two targets may declare a
    // tool of the same name with different parameters.
    private readonly ConditionalWeakTable<AIFunctionDeclaration, StructuredSchema> _schemas = [];

    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        var calls = ToolCalls.Of(output);
        if (calls.Count == 0)
        {
            return ValueTask.FromResult(required ? AssertionResult.Fail("the response made no tool call") : AssertionResult.Pass("no tool calls"));
        }

        var problems = new List<string>();
        foreach (var call in calls)
        {
            var tool = output.Tools.FirstOrDefault(t => t.Name == call.Name);
            if (tool is null)
            {
                problems.Add($"'{call.Name}' is not a declared tool ({string.Join(", ", output.Tools.Select(t => t.Name))})");
                continue;
            }

            var schema = _schemas.GetValue(tool, t => StructuredSchema.FromJson(t.JsonSchema));
            var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
            if (!StructuredParser.TryParse(arguments, schema, StructuredPolicy.Strict, out var result))
            {
                problems.Add($"'{call.Name}' arguments {AssertionText.Clip(arguments, 60)}: {string.Join("; ", result.Errors.Take(2))}");
            }
        }

        return ValueTask.FromResult(problems.Count == 0
            ? AssertionResult.Pass($"{calls.Count} valid tool call(s)")
            : AssertionResult.Fail(string.Join(" | ", problems), 1 - ((double)problems.Count / calls.Count)));
    }
}
