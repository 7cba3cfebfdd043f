namespace Keel;

/// <summary>Keel's grounded answerer (<c>keel ask</c>) over a documents folder: the answer, its citations, whether it
/// abstained, and the documents retrieval ranked for the question.</summary>
internal sealed class AskEvalTarget(
    GroundedAnswerer answerer,
    DocumentIndex index,
    IReadOnlyList<string> documents,
    int? topK,
    int defaultTopK,
    TimeProvider timeProvider) : IEvalTarget
{
    private const int RankingDepth = 20;

    public string Name => "ask";

    public string? Model => null;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (documents.Count > 0)
        {
            await index.IngestAsync(documents, cancellationToken: cancellationToken);
        }
    }

    public async Task<EvalOutput> RunAsync(EvalCase evalCase, int repeat, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var (answer, ranking) = await answerer.AskAsync(evalCase.Input, new AskOptions { TopK = topK }, RankingDepth, cancellationToken);
        var latency = timeProvider.GetElapsedTime(started);
        return new EvalOutput
        {
            CaseId = evalCase.Id,
            Input = evalCase.Input,
            Output = answer.Text,
            Expected = evalCase.Expected,
            Vars = evalCase.Vars,
            Latency = latency,
            Target = Name,
            Repeat = repeat,
            Contexts = [.. ranking.Chunks.Take(topK ?? defaultTopK).Select(c => c.Chunk.Text)],
            RetrievedSources = [.. ranking.Chunks.Select(c => c.Chunk.Path).Distinct(StringComparer.Ordinal)],
            Citations = answer.Citations.ToDictionary(c => c.N, c => c.Source),
            Abstained = answer.Abstained,
            ExpectedSources = evalCase.Sources,
            ExpectAbstain = evalCase.Abstain,
        };
    }
}
