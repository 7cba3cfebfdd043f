namespace Keel;

/// <summary><c>ndcg</c>, <c>recall</c> and <c>mrr</c> at <c>k</c> (default 5) of the retrieved documents against the
/// case's expected <c>sources</c>, at least <c>threshold</c> (defaults: nDCG 0.5, recall 1, MRR 0.5).</summary>
internal sealed class RetrievalAssertion(string name, string metric, int k, double threshold) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if (output.ExpectedSources.Count == 0)
        {
            return ValueTask.FromResult(output.ExpectAbstain == true
                ? AssertionResult.Pass("no sources expected for an unanswerable case")
                : AssertionResult.Error($"{name} needs the case's sources: [expected documents]"));
        }

        // Judgments are keyed by the retrieved path that matches each expected name, so "faq.txt" finds "samples/docs/faq.txt".
        var judgments = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var expected in output.ExpectedSources)
        {
            judgments[output.RetrievedSources.FirstOrDefault(s => SourceNames.Matches(s, expected)) ?? "missing:" + expected] = 1;
        }

        var score = metric switch
        {
            "ndcg" => RetrievalMetrics.Ndcg(output.RetrievedSources, judgments, k),
            "recall" => RetrievalMetrics.Recall(output.RetrievedSources, judgments, k),
            _ => RetrievalMetrics.ReciprocalRank(output.RetrievedSources, judgments, k),
        };
        return ValueTask.FromResult(score >= threshold
            ? AssertionResult.Pass($"{metric}@{k} {AssertionText.Number(score)} ≥ {AssertionText.Number(threshold)}", score)
            : AssertionResult.Fail($"{metric}@{k} {AssertionText.Number(score)} < {AssertionText.Number(threshold)}; retrieved [{string.Join(", ", output.RetrievedSources.Take(k).Select(Path.GetFileName))}]", score));
    }
}
