namespace Keel;

/// <summary><c>json-schema</c>: the output holds a value valid against the schema, read by Keel's structured parser
/// under <see cref="StructuredPolicy.Strict"/> (no repairs, no coercions).</summary>
internal sealed class JsonSchemaAssertion(string name, StructuredSchema schema) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StructuredParser.TryParse(output.Output, schema, StructuredPolicy.Strict, out var result)
            ? AssertionResult.Pass("valid against the schema")
            : AssertionResult.Fail("not valid against the schema: " + string.Join("; ", result.Errors.Take(3).Select(e => e.ToString()))));
}
