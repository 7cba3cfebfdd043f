using System.Text;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Reranks with a model through the models pipeline: it scores each passage's relevance from 0 to 10 in a
/// structured answer (parsed and re-asked like any structured output); a failure or timeout keeps the first-pass
/// order.</summary>
internal sealed class LlmReranker(IChatClient model, RerankConfig config) : IReranker
{
    private const int MaxPassageCharacters = 1500;

    public int Candidates => config.Candidates;

    public async Task<(List<RetrievedChunk> Chunks, string? Error)> RerankAsync(string query, List<RetrievedChunk> chunks, CancellationToken cancellationToken)
    {
        var candidates = chunks.Take(config.Candidates).ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.Timeout);
        RerankVerdict? verdict;
        try
        {
            var response = await model.GetStructuredAsync<RerankVerdict>([new ChatMessage(ChatRole.User, Prompt(query, candidates))], cancellationToken: timeout.Token);
            verdict = response.Value;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (chunks, $"the reranker '{config.Model}' did not answer within {config.Timeout.TotalSeconds:0.#} s; first-pass order kept");
        }
        catch (Exception ex) when (ex is ModelCallException or StructuredOutputException)
        {
            return (chunks, $"the reranker '{config.Model}' failed ({ex.Message}); first-pass order kept");
        }

        var scores = new Dictionary<int, double>();
        foreach (var item in verdict?.Scores ?? [])
        {
            if (item.Passage >= 1 && item.Passage <= candidates.Count)
            {
                scores.TryAdd(item.Passage - 1, item.Score);
            }
        }

        // Passages the model left unscored keep their first-pass order after the scored ones.
        var reordered = candidates
            .Select((chunk, index) => (chunk, index, score: scores.TryGetValue(index, out var s) ? s : double.NegativeInfinity))
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.index)
            .Select(x => x.chunk)
            .Concat(chunks.Skip(candidates.Count))
            .ToList();
        return (reordered, null);
    }

    private static string Prompt(string query, List<RetrievedChunk> candidates)
    {
        var prompt = new StringBuilder()
            .AppendLine("Rate how well each passage answers the query, from 0 (unrelated) to 10 (answers it fully).")
            .AppendLine("Judge only the passage text. Give every passage a score.")
            .AppendLine()
            .Append("Query: ").AppendLine(query)
            .AppendLine();
        for (var i = 0; i < candidates.Count; i++)
        {
            var text = candidates[i].Chunk.Text;
            prompt.Append("Passage ").Append(i + 1).AppendLine(":")
                .AppendLine(text.Length > MaxPassageCharacters ? text[..MaxPassageCharacters] : text)
                .AppendLine();
        }

        return prompt.ToString();
    }

    internal sealed record RerankVerdict(IReadOnlyList<PassageScore>? Scores);

    internal sealed record PassageScore(int Passage, double Score);
}
