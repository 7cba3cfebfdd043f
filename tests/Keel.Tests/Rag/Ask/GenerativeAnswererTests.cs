using Microsoft.Extensions.AI;

namespace Keel.Tests.Rag.Ask;

public sealed class GenerativeAnswererTests
{
    private static readonly IReadOnlyList<RetrievedChunk> Passages =
    [
        new(new StoredChunk(1, "kb/trash.md", "markdown", 0, 100, 150, "Deleted files stay in the trash for 60 days.", ["Trash"], null, null), 8.0),
        new(new StoredChunk(2, "kb/billing.txt", "text", 0, 0, 50, "Refunds are available within 30 days.", [], null, null), 4.0),
    ];

    private static async Task<GenerativeAnswer> AnswerWith(string reply)
    {
        using var model = new ReplyChatClient(reply);
        return await GenerativeAnswerer.AnswerAsync(model, "How long do files stay in the trash?", Passages, CancellationToken.None);
    }

    [Fact]
    public async Task Answer_ValidCitations_AreRenumberedInOrderOfUse()
    {
        var answer = await AnswerWith("Refunds take 30 days [2]. Trash keeps files 60 days [1].");

        Assert.Equal("Refunds take 30 days [1]. Trash keeps files 60 days [2].", answer.Text);
        Assert.Equal(["kb/billing.txt", "kb/trash.md"], answer.Citations.Select(c => c.Source));
        Assert.Equal((100, 150), (answer.Citations[1].Start, answer.Citations[1].End));
        Assert.Equal(1.0, answer.Citations[1].Score);
        Assert.Empty(answer.InvalidCitations);
    }

    [Fact]
    public async Task Answer_CitationOfNoPassage_IsRemovedAndReported()
    {
        var answer = await AnswerWith("Files stay 60 days [1][7].");

        Assert.Equal("Files stay 60 days [1].", answer.Text);
        Assert.Equal([7], answer.InvalidCitations);
    }

    [Fact]
    public async Task Answer_BracketedNumberTooLongForAMark_StaysTextInsteadOfFailingTheAnswer()
    {
        var answer = await AnswerWith("Ticket [12345678901] says files stay 60 days [1].");

        Assert.Equal("Ticket [12345678901] says files stay 60 days [1].", answer.Text);
        Assert.Empty(answer.InvalidCitations);
    }

    [Theory]
    [InlineData("NOT_FOUND")]
    [InlineData("Files stay 60 days.")]
    [InlineData("Files stay 60 days [9].")]
    public async Task Answer_NotFoundOrUncited_HasNoText(string reply) => Assert.Null((await AnswerWith(reply)).Text);

    [Fact]
    public void BuildPrompt_NumbersEverySourceWithItsPath()
    {
        var prompt = GenerativeAnswerer.BuildPrompt("q?", Passages);

        Assert.Contains("[1] kb/trash.md — Trash\nDeleted files stay in the trash for 60 days.", prompt[0].Text, StringComparison.Ordinal);
        Assert.Contains("[2] kb/billing.txt\nRefunds", prompt[0].Text, StringComparison.Ordinal);
        Assert.Equal("q?", prompt[1].Text);
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
