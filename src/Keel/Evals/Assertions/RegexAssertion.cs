using System.Text.RegularExpressions;

namespace Keel;

/// <summary><c>regex</c>: the output matches the pattern (.NET syntax, one second at most).</summary>
internal sealed class RegexAssertion(string name, Regex regex) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(regex.IsMatch(output.Output)
                ? AssertionResult.Pass($"matches /{regex}/")
                : AssertionResult.Fail($"'{AssertionText.Clip(output.Output)}' does not match /{regex}/"));
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(AssertionResult.Error($"/{regex}/ took over a second on this output; simplify the pattern"));
        }
    }
}
