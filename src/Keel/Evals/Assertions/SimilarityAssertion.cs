using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary><c>similarity</c>: the cosine similarity of the output's and the value's (or expected answer's) embeddings
/// is at least <c>threshold</c> (default 0.8).</summary>
internal sealed class SimilarityAssertion(string name, string? value, double threshold, Func<IEmbeddingGenerator<string, Embedding<float>>> embedder) : IEvalAssertion
{
    public string Name => name;

    public async ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if ((value ?? output.Expected) is not { } expected)
        {
            return AssertionResult.Error("similarity has no value and the case no expected answer");
        }

        GeneratedEmbeddings<Embedding<float>> vectors;
        try
        {
            vectors = await embedder().GenerateAsync([output.Output, expected], cancellationToken: cancellationToken);
        }
        catch (ModelCallException ex)
        {
            return AssertionResult.Error($"the embedding call failed: {ex.Message}");
        }

        var cosine = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        return cosine >= threshold
            ? AssertionResult.Pass($"cosine {AssertionText.Number(cosine)} ≥ {AssertionText.Number(threshold)}", cosine)
            : AssertionResult.Fail($"cosine {AssertionText.Number(cosine)} < {AssertionText.Number(threshold)} to '{AssertionText.Clip(expected)}'", Math.Max(0, cosine));
    }
}
