using Microsoft.Extensions.AI;

namespace Keel.Tests.Rag.Ask;

public sealed class CitationVerifierTests
{
    private static readonly IReadOnlyList<RetrievedChunk> Passages =
    [
        new(new StoredChunk(1, "kb/trash.md", "markdown", 0, 0, 120, "Deleted files stay in the trash for 60 days. After that they are removed permanently and cannot be restored.", ["Trash"], null, null), 8.0),
        new(new StoredChunk(2, "kb/billing.txt", "text", 0, 0, 80, "Refunds are available within 30 days of purchase. Invoices are emailed monthly.", [], null, null), 4.0),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Verify_GenerativeAnswer_FlagsTheSentenceItsCitationDoesNotSupport(bool embeddings)
    {
        var answer = await GenerateAsync("Deleted files remain in the trash for 60 days [1]. Refunds are paid in cash at any of our branch offices [2].");

        var sentences = await Verifier(embeddings).VerifyAsync(answer.Text!, answer.Citations, CancellationToken.None);

        Assert.Equal(2, sentences.Count);
        Assert.Equal("Deleted files remain in the trash for 60 days.", sentences[0].Text);
        Assert.Equal([1], sentences[0].Citations);
        Assert.True(sentences[0].Supported, $"score {sentences[0].SupportScore}");
        Assert.False(sentences[1].Supported, $"score {sentences[1].SupportScore}");
        Assert.True(sentences[0].SupportScore > sentences[1].SupportScore);
    }

    [Fact]
    public async Task Verify_ChangedFigure_IsUnsupported()
    {
        var answer = await GenerateAsync("Deleted files stay in the trash for 90 days [1].");

        var sentence = Assert.Single(await Verifier(embeddings: true).VerifyAsync(answer.Text!, answer.Citations, CancellationToken.None));

        Assert.False(sentence.Supported);
        Assert.True(sentence.SupportScore >= new AskConfig().MinCitationSupport, "the words and meaning alone would pass it");
    }

    [Fact]
    public async Task Verify_SentenceCitingTheWrongPassage_IsUnsupported()
    {
        var answer = await GenerateAsync("Refunds are available within 30 days of purchase [1][2]. Deleted files stay in the trash for 60 days [2].");

        var sentences = await Verifier(embeddings: true).VerifyAsync(answer.Text!, answer.Citations, CancellationToken.None);

        Assert.True(sentences[0].Supported);
        Assert.False(sentences[1].Supported);
    }

    [Fact]
    public void Sentences_MarkAfterTheFullStop_BelongsToTheSentenceBefore()
    {
        var sentences = CitationVerifier.Sentences("Files stay 60 days. [1] Refunds take 30 days.[2][1] No citation here.");

        Assert.Equal(["Files stay 60 days.", "Refunds take 30 days.", "No citation here."], sentences.Select(s => s.Text));
        Assert.Equal([1], sentences[0].Marks);
        Assert.Equal([2, 1], sentences[1].Marks);
        Assert.Empty(sentences[2].Marks);
    }

    private static CitationVerifier Verifier(bool embeddings) =>
        new(new AskConfig(), Embedder.WithoutModels(new EmbeddingsConfig { Model = embeddings ? EmbeddingsConfig.Local : EmbeddingsConfig.None }));

    private static async Task<GenerativeAnswer> GenerateAsync(string reply)
    {
        using var model = new ReplyChatClient(reply);
        return await GenerativeAnswerer.AnswerAsync(model, "How long do files stay in the trash?", Passages, CancellationToken.None);
    }

    private sealed class ReplyChatClient(string reply) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
