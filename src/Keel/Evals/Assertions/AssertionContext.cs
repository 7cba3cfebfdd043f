using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>What building an assertion may need: the suite's folder (schema files), the embedder and the judge.</summary>
/// <param name="SuiteDirectory">Relative files named by assertions are resolved here.</param>
/// <param name="Embedder">The embedding generator for <c>similarity</c>, created on first use.</param>
/// <param name="Judge">The judge model (suite key <c>judge:</c>) for model-graded assertions, resolved on first use;
/// null when the suite names none, which makes a model-graded assertion a suite error.</param>
internal sealed record AssertionContext(string SuiteDirectory, Func<IEmbeddingGenerator<string, Embedding<float>>> Embedder, Func<IChatClient>? Judge);
