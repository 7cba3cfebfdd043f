using System.Text.Json;

namespace Keel;

/// <summary><c>is-json</c>: the whole output, trimmed, is one JSON value (no repairs, no prose around it).</summary>
internal sealed class IsJsonAssertion(string name) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(output.Output.Trim());
            return ValueTask.FromResult(AssertionResult.Pass($"valid JSON ({document.RootElement.ValueKind})"));
        }
        catch (JsonException ex)
        {
            return ValueTask.FromResult(AssertionResult.Fail($"not JSON: {ex.Message}"));
        }
    }
}
