namespace Keel.Tests.Rag.Ask;

/// <summary>Extractive answers by meaning as well as words: with the local embedding model on (the default), and
/// with <c>embeddings.model: none</c>, where answers are chosen by words alone as before.</summary>
public sealed class MeaningAnswerTests : IDisposable
{
    private const string Paraphrase = "How long do erased documents remain in the recycle bin?";

    private readonly KeelFixture _keel = new();

    public MeaningAnswerTests() => SmallKnowledgeBase.Write(_keel.Directory);

    public void Dispose() => _keel.Dispose();

    [Fact]
    public async Task Ask_ParaphraseSharingNoContentWord_IsAnsweredFromTheRightSentence()
    {
        var answer = await _keel.Answerer.AskAsync(Paraphrase, new AskOptions { Documents = ["kb"] });

        Assert.False(answer.Abstained, answer.Text);
        Assert.Equal("kb/trash.md", answer.Citations[0].Source);
        Assert.Equal("Deleted files stay in the trash for 60 days.", answer.Citations[0].Text);
    }

    [Theory]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("Who won the football world cup in 1998?")]
    public async Task Ask_UnrelatedQuestion_AbstainsWithMeaningOn(string question)
    {
        var answer = await _keel.Answerer.AskAsync(question, new AskOptions { Documents = ["kb"] });

        Assert.True(answer.Abstained, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Ask_EmbeddingsOff_AnswersByWordsAlone()
    {
        _keel.Directory.File("keel.yaml", "embeddings:\n  model: none\n");
        _keel.Reload();

        var paraphrase = await _keel.Answerer.AskAsync(Paraphrase, new AskOptions { Documents = ["kb"] });
        var worded = await _keel.Answerer.AskAsync("How long do deleted files stay in the trash?");

        Assert.True(paraphrase.Abstained, "no word of the question is in the documents");
        Assert.False(worded.Abstained);
        Assert.Equal("Deleted files stay in the trash for 60 days.", worded.Citations[0].Text);
    }
}
