namespace Keel.Tests.Rag.Embeddings;

/// <summary>One loaded model for a whole test class: loading all-MiniLM-L6-v2 takes a moment.</summary>
public sealed class LocalEmbeddingFixture : IDisposable
{
    public LocalEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
