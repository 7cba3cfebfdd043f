namespace Keel.Tests.Evals;

/// <summary>A target whose answer per case and repeat comes from a callback; throwing makes the trial an ERROR.</summary>
internal sealed class FakeTarget(string name, Func<EvalCase, int, string> answer, string? model = null) : IEvalTarget
{
    public string Name => name;

    public string? Model => model;

    public int Calls;

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<EvalOutput> RunAsync(EvalCase evalCase, int repeat, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(new EvalOutput { CaseId = evalCase.Id, Input = evalCase.Input, Output = answer(evalCase, repeat), Expected = evalCase.Expected });
    }
}
