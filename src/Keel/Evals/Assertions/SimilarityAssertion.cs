using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><c>similarity</c>: the cosine similarity of the output's and the value's (or expected answer's) embeddings
/// is at least <c>threshold</c> (default 0.8).</summary>
/// <remarks>Each distinct reference text is embedded once per assertion and shared by the trials that compare against
/// it, so a hosted embedding model is not paid again for every repeat and target.</remarks>
internal sealed class SimilarityAssertion(string name, string? value, double threshold, Func<IEmbeddingGenerator<string, Embedding<float>>> embedder) : IEvalAssertion
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ReadOnlyMemory<float>>>> _references = new(StringComparer.Ordinal);

    public string Name => name;

    public async ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if ((value ?? output.Expected) is not { } expected)
        {
            return AssertionResult.Error("similarity has no value and the case no expected answer");
        }

        ReadOnlyMemory<float> reference, candidate;
        try
        {
            reference = await EmbedReferenceAsync(expected, cancellationToken);
            candidate = await EmbedAsync(output.Output, cancellationToken);
        }
        catch (ModelCallException ex)
        {
            return AssertionResult.Error($"the embedding call failed: {ex.Message}");
        }

        var cosine = TensorPrimitives.CosineSimilarity(candidate.Span, reference.Span);
        return cosine >= threshold
            ? AssertionResult.Pass($"cosine {AssertionText.Number(cosine)} ≥ {AssertionText.Number(threshold)}", cosine)
            : AssertionResult.Fail($"cosine {AssertionText.Number(cosine)} < {AssertionText.Number(threshold)} to '{AssertionText.Clip(expected)}'", Math.Max(0, cosine));
    }

    private async Task<ReadOnlyMemory<float>> EmbedReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        while (true)
        {
            var embedding = _references.GetOrAdd(reference, text => new(() => EmbedAsync(text, cancellationToken)));
            try
            {
                return await embedding.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (embedding.Value.IsFaulted || embedding.Value.IsCanceled)
            {
                // A failed call is not kept, so a later trial asks again; one cancelled with another trial's token is
                // asked again at once with this trial's.
                _references.TryRemove(KeyValuePair.Create(reference, embedding));
                if (!embedding.Value.IsCanceled || cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
            }
        }
    }

    private async Task<ReadOnlyMemory<float>> EmbedAsync(string text, CancellationToken cancellationToken) =>
        await embedder().GenerateVectorAsync(text, cancellationToken: cancellationToken);
}
