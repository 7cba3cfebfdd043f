// Embed text with the local model: all-MiniLM-L6-v2 on the CPU, no download, no API key.
// Run from the repository root: dotnet run --project samples/EmbedFromCode
using System.Numerics.Tensors;
using Keel;

using var embedder = new LocalEmbeddingGenerator();            // the model loads on first use, once
var embeddings = await embedder.GenerateAsync([
    "How long are deleted files kept?",
    "Files in the trash are removed after 60 days.",
    "The API allows 600 requests per minute.",
]);

// Vectors are unit length, so the dot product is the cosine similarity.
var question = embeddings[0].Vector.Span;
Console.WriteLine($"{embeddings.Count} vectors of {question.Length} floats, {embeddings.Usage?.InputTokenCount} tokens");
Console.WriteLine($"paraphrase: {TensorPrimitives.Dot(question, embeddings[1].Vector.Span):F3}");
Console.WriteLine($"unrelated:  {TensorPrimitives.Dot(question, embeddings[2].Vector.Span):F3}");
